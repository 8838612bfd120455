import type { KubeObject } from '../types.js'
import type { TableCell, TableColumnDefinition, TableRowCondition } from './table-columns.js'

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

/**
 * How the Restarts cell is written.
 * - `count`: the plain number, column type `integer`, as kube-apiserver 1.11 (the emulated
 *   version, and the ONAP page's expected output `Running 1 2d`) sends it.
 * - `countAndAge`: `3 (5m ago)`, column type `string`, as kube-apiserver 1.22+ sends it.
 */
export type RestartsStyle = 'count' | 'countAndAge'

/** Print options that change a printer's columns, as kube-apiserver versions differ. */
export interface PrinterOptions {
  /** The Restarts format of pods (default `count`, as kube-apiserver 1.11 prints it). */
  restarts?: RestartsStyle
}

/** A resource record's printer: one printer, or a function of the print options (pods). */
export type PrinterSpec = Printer | ((opts: PrinterOptions) => Printer)

/** Returns the printer a record's printer spec gives for some print options. */
export function resolvePrinter(spec: PrinterSpec, opts: PrinterOptions = {}): Printer {
  return typeof spec === 'function' ? spec(opts) : spec
}
