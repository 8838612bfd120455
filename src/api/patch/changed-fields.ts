import type { JsonObject } from '../types.js'
import { addTriePath, encodeFieldTrie, fieldTrie } from './field-set.js'
import { walkChanges } from './field-walk.js'
import { isStrippedPath } from './managed-fields.js'
import type { PatchMeta } from './patch-meta.js'

/**
 * Returns the FieldsV1 of the fields a write changes that a manager can own: what
 * `ownableFields(added ∪ modified, reset).toFieldsV1()` of `compareObjects(before, after, meta,
 * true)` is, or undefined when that set is empty. It is built as the walk goes, straight into
 * the trie FieldsV1 encodes, without a path set: a create's whole object costs one walk.
 */
export function changedFieldsV1(
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined,
  reset: readonly string[]
): JsonObject | undefined {
  const root = fieldTrie()
  const resetTop = reset.map((f) => `f:${f}`)
  let members = 0
  walkChanges(before, after, meta, true, (path) => {
    if (isStrippedPath(path)) return
    if (path.length > 0 && resetTop.includes(path[0]!)) return
    if (addTriePath(root, path)) members++
  })
  return members === 0 ? undefined : encodeFieldTrie(root)
}
