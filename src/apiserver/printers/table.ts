import type {
  TableCell,
  TableColumnDefinition,
  TableRowCondition,
} from '../../api/printers/index.js'
import type { KubeObject, ObjectMeta } from '../../api/types.js'

/** The meta.k8s.io versions a Table can be served in. */
export type TableApiVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1'

/** What `includeObject` asks to embed in each row (metav1.IncludeObjectPolicy). */
export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object'

/** The object embedded in a row when `includeObject=Metadata` (the default). */
export interface PartialObjectMetadata extends KubeObject {
  kind: 'PartialObjectMetadata'
  apiVersion: TableApiVersion
  metadata: ObjectMeta
}

/** One row of a Table (metav1.TableRow). */
export interface TableRow {
  cells: TableCell[]
  conditions?: TableRowCondition[]
  object?: KubeObject
}

/** A server-side printed list (metav1.Table), as `kubectl get` asks for it. */
export interface Table {
  kind: 'Table'
  apiVersion: TableApiVersion
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number }
  columnDefinitions: TableColumnDefinition[]
  rows: TableRow[]
}
