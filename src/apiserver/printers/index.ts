/**
 * @module printers: server-side Table printing for `kubectl get`, as kube-apiserver does it: the
 * Table, its rows and embedded objects; the printers themselves are the resource records'.
 */
export { printTable, partialObjectMetadata } from './print-table.js'
export type { PrintTableOptions } from './print-table.js'
export { tableColumnsFor, printerFor } from './printer-for.js'
export type { PrinterSelection } from './printer-for.js'
export type {
  Printer,
  PrintContext,
  RestartsStyle,
  TableCell,
  TableColumnDefinition,
  TableRowCondition,
} from '../../api/printers/index.js'
export { parseJsonPath } from './json-path.js'
export type { JsonPath } from './json-path.js'
export type {
  Table,
  TableApiVersion,
  TableRow,
  PartialObjectMetadata,
  IncludeObjectPolicy,
} from './table.js'
