import { list, mapSize, num, optBool, str } from './fields.js'
import { namedPrinter } from './named-printer.js'
import { column } from './table-columns.js'

/** Prints namespaces: Name, Status (phase), Age. */
export const namespacePrinter = namedPrinter({
  columns: [column('Status', 'string', 'The status of the namespace')],
  cells: (ns) => [str(ns, 'status', 'phase')],
})

/** Prints config maps: Name, Data (number of keys in data and binaryData), Age. */
export const configMapPrinter = namedPrinter({
  columns: [column('Data', 'string', 'Number of keys in data and binaryData.')],
  cells: (cm) => [mapSize(cm, 'data') + mapSize(cm, 'binaryData')],
})

/** Prints secrets: Name, Type, Data (number of keys), Age. */
export const secretPrinter = namedPrinter({
  columns: [
    column('Type', 'string', 'The type of the secret.'),
    column('Data', 'string', 'Number of keys in data.'),
  ],
  // stringData is merged into data on write, so only data counts.
  cells: (s) => [str(s, 'type'), mapSize(s, 'data')],
})

/** Prints service accounts: Name, Secrets (number of secret references), Age. */
export const serviceAccountPrinter = namedPrinter({
  columns: [column('Secrets', 'string', 'Number of secrets the service account references.')],
  cells: (sa) => [list(sa, 'secrets').length],
})

/** Prints mutating or validating webhook configurations: Name, Webhooks (count), Age. */
export const webhookConfigurationPrinter = namedPrinter({
  columns: [
    column(
      'Webhooks',
      'integer',
      'Webhooks indicates the number of webhooks registered in this configuration'
    ),
  ],
  cells: (w) => [list(w, 'webhooks').length],
})

/** Prints leases: Name, Holder, Age. */
export const leasePrinter = namedPrinter({
  columns: [column('Holder', 'string', 'The identity of the lease holder.')],
  cells: (l) => [str(l, 'spec', 'holderIdentity')],
})

/** Prints priority classes: Name, Value, Global-Default, Age, PreemptionPolicy. */
export const priorityClassPrinter = namedPrinter({
  columns: [
    column('Value', 'integer', 'The priority of pods that use this class.'),
    column('Global-Default', 'boolean', 'Whether pods without a class get this one.'),
  ],
  cells: (pc) => [num(pc, 'value'), optBool(pc, 'globalDefault') ?? false],
  tail: [column('PreemptionPolicy', 'string', 'Whether pods of this class may preempt others.')],
  tailCells: (pc) => [str(pc, 'preemptionPolicy')],
})
