/** @module printers: server-side Table printing for `kubectl get`, as kube-apiserver does it. */
export { printTable, partialObjectMetadata } from './print-table.js'
export type { PrintTableOptions } from './print-table.js'
export { tableColumnsFor, printerFor } from './printer-registry.js'
export type { PrinterSelection } from './printer-registry.js'
export type { Printer, PrintContext } from './printer.js'
export type { RestartsStyle } from './pod-printer.js'
export { humanDuration, ageSince } from './human-duration.js'
export { parseJsonPath } from './json-path.js'
export type { JsonPath } from './json-path.js'
export type {
  Table,
  TableApiVersion,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
  PartialObjectMetadata,
  IncludeObjectPolicy,
} from './table.js'
