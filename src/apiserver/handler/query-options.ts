import { badRequest } from '../../api/errors.js'
import type { ApiRequest } from '../request/index.js'
import { queryBool } from '../streaming/index.js'

/** Returns the field manager of a write: `fieldManager`, else the user agent's program name. */
export function fieldManager(req: ApiRequest): string {
  const m = req.query.get('fieldManager')
  if (m !== null) {
    if (m.length > 128) throw badRequest(`fieldManager: Too long: may not be longer than 128`)
    return m
  }
  const ua = req.headers['user-agent'] ?? 'unknown'
  return ua.split('/')[0] || 'unknown'
}

/** Returns true for `dryRun=All`; throws 400 for other values. */
export function dryRun(req: ApiRequest): boolean {
  const values = req.query.getAll('dryRun')
  for (const v of values)
    if (v !== 'All')
      throw badRequest(
        `Invalid dry run value "${v}": dryRun: Unsupported value: "${v}": supported values: "All"`
      )
  return values.length > 0
}

/** Returns a non-negative integer query parameter, or undefined; throws 400 when malformed. */
export function intParam(req: ApiRequest, name: string): number | undefined {
  const v = req.query.get(name)
  if (v === null || v === '') return undefined
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid value for ${name}: "${v}" is not an integer`)
  return Number(v)
}

/**
 * Returns a boolean query parameter as Kubernetes converts it (apimachinery's
 * Convert_Slice_string_To_bool): absent → false; `0` or `false` in any case → false; any other
 * value, empty included (`?watch=`, Python's `True`), → true. It never fails.
 */
export function boolParam(req: ApiRequest, name: string): boolean {
  return queryBool(req.query, name)
}

/** The Table versions a client may ask for. */
export type TableVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1'

/** Returns the Table version the Accept header asks for first, if any. */
export function wantsTable(accept: string | undefined): TableVersion | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '')
    if (!p.includes('as=Table') || !p.includes('g=meta.k8s.io')) continue
    if (p.includes('v=v1beta1')) return 'meta.k8s.io/v1beta1'
    if (p.includes('v=v1')) return 'meta.k8s.io/v1'
  }
  return undefined
}

/** Returns the includeObject policy of a Table request (default Metadata). */
export function includeObject(req: ApiRequest): 'None' | 'Metadata' | 'Object' {
  const v = req.query.get('includeObject')
  if (v === null || v === '') return 'Metadata'
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v
  throw badRequest(
    `includeObject: Unsupported value: "${v}": supported values: "None", "Metadata", "Object"`
  )
}
