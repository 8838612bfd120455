import type { KubeObject } from '../../api/types.js'
import type { TableCell, TableColumnDefinition, TableRowCondition } from './table.js'

/** What every printer gets besides the object. */
export interface PrintContext {
  /** The server clock: ages are measured against it. */
  now: Date
}

/**
 * Prints one kind of object as Table rows. Like kube-apiserver (which always prints with
 * `Wide: true`), a printer fills every column, priority 1 included; kubectl hides the wide ones.
 */
export interface Printer {
  columns: TableColumnDefinition[]
  /** Returns the cells of one object, one per column. */
  cells(obj: KubeObject, ctx: PrintContext): TableCell[]
  /** Returns the row conditions of one object (pods mark finished rows `Completed`). */
  conditions?(obj: KubeObject): TableRowCondition[] | undefined
}
