import type { ManagedFieldsEntry } from '../types.js'
import { fieldsV1Has, FieldSet } from './field-set.js'
import { jsonEqual } from './json-equal.js'
import { walkChanges } from './field-walk.js'
import {
  decodeManagedFields,
  isEncodedEntry,
  isStrippedPath,
  retimed,
  sameManager,
  type EntryToEncode,
  type ManagerEntry,
} from './managed-fields.js'
import type { PatchMeta } from './patch-meta.js'

/** Who an Update is recorded for: manager, API version and subresource. */
export type UpdateId = Omit<ManagerEntry, 'fields' | 'time'> & { operation: 'Update' }

/**
 * Returns the stored entries when a body sends them back unchanged (a controller's read, modify,
 * write), else the body's own: both decode to the same entries, but only stored ones can be kept.
 */
export function givenOrStored(given: unknown[], stored: unknown): unknown[] {
  if (given === stored) return given
  if (!Array.isArray(stored) || !stored.every(isEncodedEntry)) return given
  return jsonEqual(given, stored) ? stored : given
}

/**
 * Returns what an Update does to entries the server encoded itself (every one of them
 * `isEncodedEntry`), as `recordUpdate`'s general rule would after decoding them all, but decoding
 * only the entries whose fields the write touches: every other manager's entry is kept as it is,
 * and the writer's own with a new time when it already owned every field it changed.
 */
export function updateEncodedEntries(
  raw: readonly ManagedFieldsEntry[],
  id: UpdateId,
  changed: FieldSet,
  removed: FieldSet,
  now: string
): EntryToEncode[] {
  const owns = (e: ManagedFieldsEntry) => (p: readonly string[]) => fieldsV1Has(e.fieldsV1, p)
  const decode = (e: ManagedFieldsEntry): ManagerEntry => decodeManagedFields([e])[0]!
  const self = raw.find((e) => sameManager(e, id))
  const result: EntryToEncode[] = []
  for (const e of raw) {
    if (e === self) continue
    if (!changed.some(owns(e)) && !removed.some(owns(e))) result.push({ kept: e })
    else {
      const d = decode(e)
      result.push({ ...d, fields: d.fields.difference(changed).difference(removed) })
    }
  }
  // The writer's entry keeps its fields when it loses none and gains none.
  const same =
    self !== undefined &&
    typeof self.time === 'string' &&
    !removed.some(owns(self)) &&
    !changed.some((p) => !owns(self)(p))
  if (!changed.isEmpty()) {
    if (same) result.push(retimed(self, now))
    else {
      const kept = (self ? decode(self).fields : new FieldSet()).difference(removed)
      result.push({ ...id, time: now, fields: kept.union(changed) })
    }
  } else if (self) {
    if (same) result.push({ kept: self })
    else {
      const d = decode(self)
      result.push({ ...d, fields: d.fields.difference(removed) })
    }
  }
  return result
}

/**
 * Returns what `updateEncodedEntries` returns when the write removes no ownable field and the
 * writer's entry already owns every ownable field it changes, none of them owned by another
 * manager (a controller writing the same status fields again): every entry kept as it is, the
 * writer's with `now` as its time if it changed anything. Found in one walk of the two objects,
 * without their field sets; undefined when the write is not that case (then compare them).
 */
export function retimedEntries(
  raw: readonly ManagedFieldsEntry[],
  id: UpdateId,
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined,
  reset: readonly string[],
  now: string
): EntryToEncode[] | undefined {
  const self = raw.find((e) => sameManager(e, id))
  if (self === undefined || typeof self.time !== 'string') return undefined
  const others = raw.filter((e) => e !== self)
  const resetTop = reset.map((f) => `f:${f}`)
  const ownable = (path: readonly string[]) =>
    !isStrippedPath(path) && !(path.length > 0 && resetTop.includes(path[0]!))
  let changed = false
  try {
    walkChanges(
      before,
      after,
      meta,
      true,
      (path) => {
        if (!ownable(path)) return
        changed = true
        if (!fieldsV1Has(self.fieldsV1, path) || others.some((e) => fieldsV1Has(e.fieldsV1, path)))
          throw NOT_PLAIN
      },
      (path) => {
        if (ownable(path)) throw NOT_PLAIN
      }
    )
  } catch (err) {
    // The first field that rules the shortcut out ends the walk: the caller compares anyway.
    if (err === NOT_PLAIN) return undefined
    throw err
  }
  const result: EntryToEncode[] = others.map((e) => ({ kept: e }))
  result.push(changed ? retimed(self, now) : { kept: self })
  return result
}

// Thrown to end a walk early (not an error: no stack is taken).
const NOT_PLAIN = Symbol('not plain')
