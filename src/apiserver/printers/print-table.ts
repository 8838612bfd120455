import { badRequest } from '../../api/errors.js'
import type { PrinterColumn } from '../../api/resources/index.js'
import type { KubeObject } from '../../api/types.js'
import type { PrinterSpec, RestartsStyle } from '../../api/printers/index.js'
import { printerFor } from './printer-for.js'
import type {
  IncludeObjectPolicy,
  PartialObjectMetadata,
  Table,
  TableApiVersion,
  TableRow,
} from './table.js'

/** What to print and how (the `as=Table` request, its TableOptions and the list it answers). */
export interface PrintTableOptions {
  /** Plural resource name (`pods`) and API group (`''` for core). */
  resource: string
  group: string
  objects: KubeObject[]
  /** The server clock: ages are measured against it. */
  now: Date
  /** `?includeObject=`; the server default is `Metadata`. */
  includeObject?: IncludeObjectPolicy
  /** The Table version the client accepted (`v=v1` or `v=v1beta1` in the Accept header). */
  apiVersion?: TableApiVersion
  resourceVersion?: string
  continueToken?: string
  remainingItemCount?: number
  /** For a custom resource: the CRD version's additionalPrinterColumns (may be empty). */
  printerColumns?: PrinterColumn[]
  /** The resource's printer (its record's); absent: the built-in record's of group/resource. */
  printer?: PrinterSpec
  /** TableOptions.noHeaders: leave out the column definitions (watch events after the first). */
  noHeaders?: boolean
  /** The Restarts format of pods; see RestartsStyle. */
  restarts?: RestartsStyle
}

const INCLUDE_POLICIES: readonly string[] = ['None', 'Metadata', 'Object']

/**
 * Returns the Table kube-apiserver would answer for a list or get: column definitions, one row of
 * pre-formatted cells per object, and per row the embedded object (PartialObjectMetadata by
 * default, the full object with `includeObject=Object`, nothing with `None`).
 * Throws a 400 BadRequest StatusError for an unknown includeObject value.
 */
export function printTable(opts: PrintTableOptions): Table {
  const include = opts.includeObject ?? 'Metadata'
  if (!INCLUDE_POLICIES.includes(include)) {
    throw badRequest(`unrecognized includeObject value: "${String(include)}"`)
  }
  const apiVersion = opts.apiVersion ?? 'meta.k8s.io/v1'
  const printer = printerFor(opts.resource, opts.group, {
    printerColumns: opts.printerColumns,
    printer: opts.printer,
    restarts: opts.restarts,
  })
  const ctx = { now: opts.now }
  const rows = opts.objects.map((obj): TableRow => {
    const row: TableRow = { cells: printer.cells(obj, ctx) }
    const conditions = printer.conditions?.(obj)
    if (conditions) row.conditions = conditions
    if (include === 'Object') row.object = obj
    else if (include === 'Metadata') row.object = partialObjectMetadata(obj, apiVersion)
    return row
  })
  const metadata: Table['metadata'] = {}
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion
  if (opts.continueToken) metadata.continue = opts.continueToken
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount
  return {
    kind: 'Table',
    apiVersion,
    metadata,
    columnDefinitions: opts.noHeaders ? [] : printer.columns.map((c) => ({ ...c })),
    rows,
  }
}

/**
 * Returns the PartialObjectMetadata of an object: its whole metadata, typed in the Table's own
 * group version, as the apiserver's table transform sets it.
 */
export function partialObjectMetadata(
  obj: KubeObject,
  apiVersion: TableApiVersion = 'meta.k8s.io/v1'
): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: obj.metadata }
}
