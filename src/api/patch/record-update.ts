import { deepCopy, type KubeObject } from '../types.js'
import { patchMetaFor } from './builtin-patch-meta.js'
import { compareObjects } from './field-walk.js'
import { FieldSet } from './field-set.js'
import {
  decodeManagedFields,
  encodeManagedFields,
  ownableFields,
  sameManager,
  type ManagerEntry,
} from './managed-fields.js'
import type { PatchMeta } from './patch-meta.js'
import { defaultResetFields } from './server-side-apply.js'

/** Options of `recordUpdate()`. */
export interface RecordUpdateOptions {
  /** The stored object before the write, or undefined for a create. */
  old: KubeObject | undefined
  /** The object about to be stored (after the patch, before or after admission). */
  updated: KubeObject
  /** The `fieldManager` query parameter, else the user agent's first word, else `unknown`. */
  manager: string
  /** The API version of the request (`apps/v1`). */
  apiVersion: string
  /** The current time, RFC 3339. */
  now: string
  /** The subresource written (`status`, `scale`), if any. */
  subresource?: string
  /** List and map semantics; default `patchMetaFor(apiVersion, kind)`. */
  meta?: PatchMeta
  /** Top-level fields the endpoint resets and nobody owns through it; see `defaultResetFields`. */
  resetFields?: readonly string[]
}

/**
 * Returns `updated` with `metadata.managedFields` recording an `Update` operation (create, PUT,
 * JSON/merge/strategic patch) as kube-apiserver's field manager does: the fields the write added
 * or changed now belong to `manager` (its entry for this API version and subresource, whose time
 * is set to `now`) and no longer to anyone else; removed fields belong to nobody. A write that
 * changes nothing leaves the entries (and their times) alone.
 *
 * The entries are read from `updated` when it carries some (a PUT that edits managedFields on
 * the main resource), else from `old`.
 */
export function recordUpdate(opts: RecordUpdateOptions): KubeObject {
  const kind = opts.updated.kind ?? opts.old?.kind ?? ''
  const meta = opts.meta ?? patchMetaFor(opts.apiVersion, kind)
  const reset = opts.resetFields ?? defaultResetFields(meta, opts.subresource)
  const given = opts.updated.metadata?.managedFields
  const fromUpdated = !opts.subresource && Array.isArray(given) && given.length > 0
  const entries = decodeManagedFields(fromUpdated ? given : opts.old?.metadata.managedFields)

  // Compared, never changed: the objects without their managedFields, not whole copies of them.
  const before = opts.old ? withoutEntries(opts.old) : deepCopy(meta?.zero ?? {})
  const after = withoutEntries(opts.updated)
  const diff = compareObjects(before, after, meta)
  const changed = ownableFields(diff.added.union(diff.modified), reset)
  const removed = ownableFields(diff.removed, reset)

  const id = {
    manager: opts.manager || 'unknown',
    operation: 'Update' as const,
    apiVersion: opts.apiVersion,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  }
  const self = entries.find((e) => sameManager(e, id))
  const result: ManagerEntry[] = entries
    .filter((e) => e !== self)
    .map((e) => ({ ...e, fields: e.fields.difference(changed).difference(removed) }))
  const kept = (self?.fields ?? new FieldSet()).difference(removed)
  if (!changed.isEmpty()) result.push({ ...id, time: opts.now, fields: kept.union(changed) })
  else if (self) result.push({ ...self, fields: kept })

  const out = deepCopy(opts.updated)
  out.metadata = { ...out.metadata, managedFields: encodeManagedFields(result) }
  if (out.metadata.managedFields?.length === 0) delete out.metadata.managedFields
  return out
}

/** Returns `obj` without `metadata.managedFields`, sharing everything else with it (read-only). */
function withoutEntries(obj: KubeObject): KubeObject {
  if (!obj.metadata || !('managedFields' in obj.metadata)) return obj
  const { managedFields: _, ...metadata } = obj.metadata
  return { ...obj, metadata }
}
