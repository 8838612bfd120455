import {
  resolvePrinter,
  type Printer,
  type PrinterSpec,
  type RestartsStyle,
  type TableColumnDefinition,
} from '../../api/printers/index.js'
import { builtinRecord, type PrinterColumn } from '../../api/resources/index.js'
import { newCustomResourcePrinter } from './custom-resource-printer.js'
import { defaultPrinter } from './default-printer.js'

/** How to pick a printer. */
export interface PrinterSelection {
  /** The CRD's printer columns: given (even empty) for a custom resource. */
  printerColumns?: PrinterColumn[]
  /** The resource's printer (its record's); absent: the built-in record's of group/resource. */
  printer?: PrinterSpec
  /** The Restarts format of pods (default `count`, as kube-apiserver 1.11 prints it). */
  restarts?: RestartsStyle
}

/**
 * Returns the printer of a resource: the CRD's columns for a custom resource, the printer of its
 * resource record (given, or the built-in record of the group and resource), else the default
 * `Name`, `Created At` printer.
 */
export function printerFor(resource: string, group: string, sel: PrinterSelection = {}): Printer {
  if (sel.printerColumns) return newCustomResourcePrinter(sel.printerColumns)
  const spec = sel.printer ?? builtinRecord(group, resource)?.printer
  if (!spec) return defaultPrinter
  return resolvePrinter(spec, sel.restarts ? { restarts: sel.restarts } : {})
}

/** Returns the column definitions kube-apiserver serves for a resource of a group. */
export function tableColumnsFor(
  resource: string,
  group: string,
  sel: PrinterSelection = {}
): TableColumnDefinition[] {
  return printerFor(resource, group, sel).columns.map((c) => ({ ...c }))
}
