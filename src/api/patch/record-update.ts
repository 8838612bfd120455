import type { KubeObject } from '../types.js'
import { patchMetaFor } from './builtin-patch-meta.js'
import { changedFieldsV1 } from './changed-fields.js'
import { compareObjects } from './field-walk.js'
import { FieldSet } from './field-set.js'
import {
  givenOrStored,
  retimedEntries,
  updateEncodedEntries,
  type UpdateId,
} from './kept-entries.js'
import {
  decodeManagedFields,
  encodeManagedFields,
  encodeUpdateEntry,
  isEncodedEntry,
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
 * the main resource), else from `old`. The result is a new object with a new `metadata`; the rest
 * is `updated`'s own (not copied), so the caller hands `updated` over and changes neither after.
 */
export function recordUpdate(opts: RecordUpdateOptions): KubeObject {
  const kind = opts.updated.kind ?? opts.old?.kind ?? ''
  const meta = opts.meta ?? patchMetaFor(opts.apiVersion, kind)
  const reset = opts.resetFields ?? defaultResetFields(meta, opts.subresource)
  const given = opts.updated.metadata?.managedFields
  const fromUpdated = !opts.subresource && Array.isArray(given) && given.length > 0
  const stored = opts.old?.metadata.managedFields
  const raw: unknown = fromUpdated ? givenOrStored(given, stored) : stored

  // Compared, never changed (nor copied), their managedFields left out.
  const before = opts.old ?? meta?.zero ?? {}
  const id = {
    manager: opts.manager || 'unknown',
    operation: 'Update' as const,
    apiVersion: opts.apiVersion,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  }
  // No entries yet (a create): the writer's one entry is the fields changed, built in one walk.
  if (!Array.isArray(raw) || raw.length === 0) {
    const fieldsV1 = changedFieldsV1(before, opts.updated, meta, reset)
    const out: KubeObject = { ...opts.updated, metadata: { ...opts.updated.metadata } }
    if (fieldsV1) out.metadata.managedFields = [encodeUpdateEntry(id, opts.now, fieldsV1)]
    else delete out.metadata.managedFields
    return out
  }
  const encodedOnly = raw.every(isEncodedEntry)
  // The writer rewriting fields it alone owns (most status writes): its entry gets a new time.
  const plain = encodedOnly
    ? retimedEntries(raw, id, before, opts.updated, meta, reset, opts.now)
    : undefined
  if (plain) {
    const out: KubeObject = {
      ...opts.updated,
      metadata: { ...opts.updated.metadata, managedFields: encodeManagedFields(plain) },
    }
    return out
  }
  const diff = compareObjects(before, opts.updated, meta, true)
  const changed = ownableFields(diff.added.union(diff.modified), reset)
  const removed = ownableFields(diff.removed, reset)

  // Entries this server encoded need decoding only where the write touches them.
  const result = encodedOnly
    ? updateEncodedEntries(raw, id, changed, removed, opts.now)
    : updateEntries(decodeManagedFields(raw), id, changed, removed, opts.now)

  const out: KubeObject = {
    ...opts.updated,
    metadata: { ...opts.updated.metadata, managedFields: encodeManagedFields(result) },
  }
  if (out.metadata.managedFields?.length === 0) delete out.metadata.managedFields
  return out
}

/** Returns what an Update does to decoded entries (see `recordUpdate`). */
function updateEntries(
  entries: ManagerEntry[],
  id: UpdateId,
  changed: FieldSet,
  removed: FieldSet,
  now: string
): ManagerEntry[] {
  const self = entries.find((e) => sameManager(e, id))
  const result: ManagerEntry[] = entries
    .filter((e) => e !== self)
    .map((e) => ({ ...e, fields: e.fields.difference(changed).difference(removed) }))
  const kept = (self?.fields ?? new FieldSet()).difference(removed)
  if (!changed.isEmpty()) result.push({ ...id, time: now, fields: kept.union(changed) })
  else if (self) result.push({ ...self, fields: kept })
  return result
}
