import type { KubeObject } from '../types.js'
import { ageSince } from './human-duration.js'
import type { PrintContext, Printer } from './printer.js'
import { containerCells } from './selectors.js'
import {
  ageColumn,
  containersColumn,
  imagesColumn,
  nameColumn,
  selectorColumn,
} from './table-columns.js'
import type { TableCell, TableColumnDefinition } from './table-columns.js'

/** Returns the cells of some columns of one object. */
export type CellsFn = (obj: KubeObject, ctx: PrintContext) => TableCell[]

/** The columns a printer adds around the `Name` and `Age` columns every built-in printer has. */
export interface NamedPrinterParts {
  /** The columns between Name and Age. */
  columns: TableColumnDefinition[]
  /** Returns the cells of `columns`. */
  cells: CellsFn
  /** The columns after Age (mostly the wide ones). */
  tail?: TableColumnDefinition[]
  /** Returns the cells of `tail`. */
  tailCells?: CellsFn
}

/** Returns a printer of Name, the given columns, Age, then the tail columns. */
export function namedPrinter(parts: NamedPrinterParts): Printer {
  return {
    columns: [nameColumn(), ...parts.columns, ageColumn(), ...(parts.tail ?? [])],
    cells: (obj, ctx) => [
      obj.metadata.name ?? '',
      ...parts.cells(obj, ctx),
      ageSince(obj.metadata.creationTimestamp, ctx.now),
      ...(parts.tailCells?.(obj, ctx) ?? []),
    ],
  }
}

/** Returns the wide Containers, Images and (given `what`) Selector columns of workload printers. */
export function templateColumns(what?: string): TableColumnDefinition[] {
  const cols = [containersColumn(), imagesColumn()]
  return what === undefined ? cols : [...cols, selectorColumn(what)]
}

/** Returns the cells of `templateColumns`: container names, images, then the selector if given. */
export function templateCells(podSpec: unknown, selector?: string): TableCell[] {
  const cells: TableCell[] = containerCells(podSpec)
  return selector === undefined ? cells : [...cells, selector]
}
