import { StatusError } from '../errors.js'
import { isObject, type JsonObject, type ManagedFieldsEntry } from '../types.js'
import { FieldSet, pathString, type FieldPath } from './field-set.js'

/** One managedFields entry with its fields decoded. */
export interface ManagerEntry {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time?: string
  subresource?: string
  fields: FieldSet
}

// The metadata fields no manager ever owns, as path elements.
const STRIPPED_META = new Set(
  [
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((f) => `f:${f}`)
)
const STRIPPED_TOP = new Set(['f:apiVersion', 'f:kind', 'f:metadata'])

/** The fields no manager ever owns (apimachinery managedfields/internal/stripmeta.go). */
const STRIPPED = new FieldSet([
  ...[...STRIPPED_TOP].map((f) => [f]),
  ...[...STRIPPED_META].map((f) => ['f:metadata', f]),
])

/** Returns true when no manager ever owns `path` itself (a member of STRIPPED; not its subtree). */
export function isStrippedPath(path: readonly string[]): boolean {
  if (path.length === 1) return STRIPPED_TOP.has(path[0]!)
  return path.length === 2 && path[0] === 'f:metadata' && STRIPPED_META.has(path[1]!)
}

/** Returns a field set without the fields no manager owns and without the reset subtrees. */
export function ownableFields(set: FieldSet, resetFields: readonly string[]): FieldSet {
  return resetFields.reduce((s, f) => s.withoutSubtree([`f:${f}`]), set.difference(STRIPPED))
}

/** Returns the entries of `metadata.managedFields` (malformed entries are skipped). */
export function decodeManagedFields(raw: unknown): ManagerEntry[] {
  if (!Array.isArray(raw)) return []
  return raw.flatMap((e): ManagerEntry[] => {
    if (!isObject(e) || typeof e.manager !== 'string') return []
    if (e.operation !== 'Apply' && e.operation !== 'Update') return []
    return [
      {
        manager: e.manager,
        operation: e.operation,
        apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
        ...(typeof e.time === 'string' ? { time: e.time } : {}),
        ...(typeof e.subresource === 'string' && e.subresource
          ? { subresource: e.subresource }
          : {}),
        fields: FieldSet.fromFieldsV1(e.fieldsV1),
      },
    ]
  })
}

// The entries encodeManagedFields made: well-formed, non-empty, in canonical FieldsV1, and (as
// everything stored) never changed afterwards, so a later write may keep them as they are.
const encoded = new WeakSet<object>()

/** Returns true when `e` is an entry `encodeManagedFields` made (see `keptEntry`). */
export function isEncodedEntry(e: unknown): e is ManagedFieldsEntry {
  return typeof e === 'object' && e !== null && encoded.has(e)
}

/**
 * An entry kept from an earlier encoding as it is (its fields unchanged), or with a new time:
 * what `encodeManagedFields` would make of its decoded form, without decoding it.
 */
export interface KeptEntry {
  kept: ManagedFieldsEntry
}

/** An entry to encode, decoded or kept. */
export type EntryToEncode = ManagerEntry | KeptEntry

/** Returns a kept entry with `time` as its time (the fields and everything else as they were). */
export function retimed(e: ManagedFieldsEntry, time: string): KeptEntry {
  const out = { ...e, time }
  encoded.add(out)
  return { kept: out }
}

/** Returns the managedFields of some entries: empty ones dropped, sorted as kube-apiserver does. */
export function encodeManagedFields(entries: EntryToEncode[]): ManagedFieldsEntry[] {
  const seconds = (t?: string): number => (t ? Math.floor(Date.parse(t) / 1000) || 0 : 0)
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  const id = (e: EntryToEncode) => ('kept' in e ? e.kept : e)
  return entries
    .filter((e) => 'kept' in e || !e.fields.isEmpty())
    .sort((x, y) => {
      const p = id(x)
      const q = id(y)
      return (
        cmp(p.operation, q.operation) ||
        seconds(p.time) - seconds(q.time) ||
        cmp(p.manager, q.manager) ||
        cmp(p.apiVersion, q.apiVersion) ||
        cmp(p.subresource ?? '', q.subresource ?? '')
      )
    })
    .map((e) => {
      if ('kept' in e) return e.kept
      const out = {
        manager: e.manager,
        operation: e.operation,
        apiVersion: e.apiVersion,
        ...(e.time !== undefined ? { time: e.time } : {}),
        fieldsType: 'FieldsV1',
        fieldsV1: e.fields.toFieldsV1(),
        ...(e.subresource ? { subresource: e.subresource } : {}),
      } as ManagedFieldsEntry
      encoded.add(out)
      return out
    })
}

/**
 * Returns the one entry `encodeManagedFields` makes of an Update entry whose fields encode to
 * `fieldsV1` (non-empty, canonical FieldsV1), the same object it would make, without the set.
 */
export function encodeUpdateEntry(
  id: Omit<ManagerEntry, 'fields' | 'time'>,
  time: string,
  fieldsV1: JsonObject
): ManagedFieldsEntry {
  const out = {
    manager: id.manager,
    operation: id.operation,
    apiVersion: id.apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1,
    ...(id.subresource ? { subresource: id.subresource } : {}),
  } as ManagedFieldsEntry
  encoded.add(out)
  return out
}

/**
 * Returns true when two entries are the same manager as kube-apiserver identifies them: name,
 * operation and subresource, plus the API version for Update (BuildManagerIdentifier).
 */
export function sameManager(
  a: Omit<ManagerEntry, 'fields'>,
  b: Omit<ManagerEntry, 'fields'>
): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  )
}

/** Returns how conflict messages name a manager: `"kubectl-edit" using apps/v1`, `"helm"`. */
export function managerLabel(e: Omit<ManagerEntry, 'fields'>): string {
  let label = JSON.stringify(e.manager)
  if (e.subresource) label += ` with subresource ${JSON.stringify(e.subresource)}`
  return e.operation === 'Update' ? `${label} using ${e.apiVersion}` : label
}

/** The JSON identifier kube-apiserver sorts conflicting managers by. */
function identifier(e: Omit<ManagerEntry, 'fields'>): string {
  return JSON.stringify({
    manager: e.manager,
    operation: e.operation,
    ...(e.operation === 'Update' ? { apiVersion: e.apiVersion } : {}),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  })
}

/** A field another manager owns that an apply would change. */
export interface FieldConflict {
  owner: Omit<ManagerEntry, 'fields'>
  path: FieldPath
}

/**
 * Creates the 409 Conflict of an apply that would change fields other managers own
 * (managedfields/internal/conflict.go): `Apply failed with 1 conflict: conflict with
 * "kubectl-client-side-apply" using apps/v1: .spec.replicas`, one FieldManagerConflict cause per
 * field; several conflicts are listed per manager, managers sorted.
 */
export function applyConflictError(conflicts: FieldConflict[]): StatusError {
  const sorted = [...conflicts].sort((a, b) =>
    identifier(a.owner) < identifier(b.owner)
      ? -1
      : identifier(a.owner) > identifier(b.owner)
        ? 1
        : 0
  )
  const causes = sorted.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${managerLabel(c.owner)}`,
    field: pathString(c.path),
  }))
  let message: string
  if (sorted.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${managerLabel(sorted[0].owner)}: ${pathString(sorted[0].path)}`
  } else {
    const lines: string[] = []
    let last = ''
    for (const c of sorted) {
      if (identifier(c.owner) !== last) lines.push(`conflicts with ${managerLabel(c.owner)}:`)
      last = identifier(c.owner)
      lines.push(`- ${pathString(c.path)}`)
    }
    message = `Apply failed with ${sorted.length} conflicts: ${lines.join('\n')}`
  }
  return new StatusError(409, 'Conflict', message, { causes })
}
