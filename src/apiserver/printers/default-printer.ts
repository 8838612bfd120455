import { column, nameColumn, rfc3339, type Printer } from '../../api/printers/index.js'

/**
 * Prints what kube-apiserver's DefaultTableConvertor prints for resources without a printer
 * (roles, cluster roles, CRDs, limit ranges…): `Name`, and `Created At` of type `date` holding
 * the RFC 3339 creation time (so `kubectl get crd` shows `2024-05-01T10:00:00Z`).
 */
export const defaultPrinter: Printer = {
  columns: [
    nameColumn(),
    column(
      'Created At',
      'date',
      'The time the server created the object (metadata.creationTimestamp).'
    ),
  ],
  cells: (obj) => [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)],
}
