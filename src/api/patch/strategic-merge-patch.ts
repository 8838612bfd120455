import { asObject, deepCopy, isObject, type Obj } from '../types.js'
import { cannotUnmarshal } from './patch-errors.js'
import { childMeta, itemMeta, smpStrategy, type PatchMeta } from './patch-meta.js'
import { cleanPatchValue } from './smp-clean.js'
import {
  DELETE_FROM_PRIMITIVE_LIST,
  applyRetainKeys,
  applySetElementOrder,
  directiveField,
} from './smp-directives.js'
import { badPatchType, noMergeKey, smpFailure } from './smp-errors.js'
import { itemKind, normalizeOrder, partition } from './smp-order.js'

/**
 * Returns `doc` with a Kubernetes strategic merge patch applied (the inputs are not modified),
 * as kube-apiserver's StrategicMergeMapPatch does for built-in types:
 * - objects merge key by key, `null` deletes a key;
 * - lists whose field has `patchStrategy: merge` merge: lists of objects by `patchMergeKey`
 *   (items with `$patch: delete` remove the matching item, an item `{"$patch": "replace"}` makes
 *   the rest of the patch list replace the live list), lists of scalars by union;
 * - other lists, and fields with `patchStrategy: replace`, are replaced;
 * - `$patch: replace` / `$patch: delete` in an object replace / empty it;
 * - `$setElementOrder/<field>` orders a merged list, `$deleteFromPrimitiveList/<field>` removes
 *   values from a merging scalar list, `$retainKeys` clears the fields it does not list.
 * Failures throw the StatusError kube-apiserver answers with (400, 422 or a plain 500).
 * Use `patchMetaFor()` for `meta`; custom resources have none and get 415 from the server.
 */
export function applyStrategicMergePatch(
  doc: unknown,
  patch: unknown,
  meta: PatchMeta | undefined
): unknown {
  // A JSON null decodes into a nil map: nothing to merge.
  if (patch === null) return deepCopy(doc)
  if (!isObject(patch)) throw cannotUnmarshal(patch, 'map[string]interface {}')
  const original = deepCopy(asObject(doc))
  return mergeMap(original, deepCopy(patch), meta)
}

/** Merges `patch` into `original` (both are modified) and returns the result. */
function mergeMap(original: Obj, patch: Obj, meta: PatchMeta | undefined): Obj {
  if (Object.hasOwn(patch, '$patch')) {
    const directive = patch.$patch
    if (directive === 'delete') return {}
    if (directive !== 'replace') throw badPatchType(directive, patch)
    return cleanPatchValue(patch, meta) as Obj
  }
  applyRetainKeys(original, patch)
  applySetElementOrder(original, patch, meta, mergeList)
  for (const [key, patchValue] of Object.entries(patch)) {
    const isDeleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
    const field = isDeleteList ? directiveField(key, DELETE_FROM_PRIMITIVE_LIST) : key
    // Other directive keys have no field to land in (the Go decode would drop them).
    if (!isDeleteList && field.startsWith('$')) continue
    const fieldMeta = childMeta(meta, field)
    if (patchValue === null) {
      Reflect.deleteProperty(original, field)
      continue
    }
    if (!Object.hasOwn(original, field)) {
      // kube-apiserver would store the deletion list itself here; there is nothing to delete from.
      if (!isDeleteList) original[field] = cleanPatchValue(patchValue, fieldMeta)
      continue
    }
    const current = original[field]
    if (kindOf(current) !== kindOf(patchValue)) {
      original[field] = cleanPatchValue(patchValue, fieldMeta)
      continue
    }
    const { strategy } = smpStrategy(fieldMeta)
    if (isObject(current)) {
      original[field] =
        strategy === 'replace'
          ? cleanPatchValue(patchValue, fieldMeta)
          : mergeMap(current, patchValue as Obj, fieldMeta)
    } else if (Array.isArray(current)) {
      original[field] =
        strategy === 'merge'
          ? mergeList(current, patchValue as unknown[], fieldMeta, isDeleteList)
          : cleanPatchValue(patchValue, fieldMeta)
    } else {
      original[field] = patchValue
    }
  }
  return original
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v
}

/** Merges a list with `patchStrategy: merge` (mergeSlice in strategicpatch/patch.go). */
function mergeList(
  original: unknown[],
  patch: unknown[],
  meta: PatchMeta | undefined,
  isDeleteList = false
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original
  const kind = itemKind(original, patch)
  const mergeKey = meta?.patchMergeKey ?? ''
  let live = original
  let given = patch
  let merged: unknown[]
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v))
    merged = [...original, ...patch].filter((v, i, all) => all.indexOf(v) === i)
  } else {
    if (mergeKey === '') throw smpFailure('cannot merge lists without merge key for type struct')
    ;[live, given] = applySpecialItems(original, patch, mergeKey, meta)
    merged = [...live]
    for (const item of given as Obj[]) {
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey)
      const i = merged.findIndex(
        (o) => isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === item[mergeKey]
      )
      if (i >= 0) merged[i] = mergeMap(merged[i] as Obj, item, itemMeta(meta))
      else merged.push(cleanPatchValue(item, itemMeta(meta)))
    }
  }
  const [patchItems, serverOnly] = partition(merged, given, mergeKey)
  return normalizeOrder(patchItems, serverOnly, given, live, mergeKey, kind)
}

/**
 * Handles the special items of a patch list of objects: `$patch: delete` removes the live items
 * with that key, `{"$patch": "replace"}` turns the remaining items into the whole list.
 * Returns the live list and the patch items left to merge.
 */
function applySpecialItems(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  meta: PatchMeta | undefined
): [unknown[], unknown[]] {
  const plain: unknown[] = []
  let live = original
  let replace = false
  for (const item of patch as Obj[]) {
    if (!Object.hasOwn(item, '$patch')) {
      plain.push(item)
      continue
    }
    switch (item.$patch) {
      case 'delete':
        if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey)
        live = live.filter(
          (o) => !(isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === item[mergeKey])
        )
        break
      case 'replace':
        replace = true
        break
      case 'merge':
        throw smpFailure('merging lists cannot yet be specified in the patch')
      default:
        throw badPatchType(item.$patch, item)
    }
  }
  if (replace) return [plain.map((i) => cleanPatchValue(i, itemMeta(meta))), []]
  return [live, plain]
}
