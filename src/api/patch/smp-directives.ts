import type { Obj } from '../types.js'
import { childMeta, smpStrategy, type PatchMeta } from './patch-meta.js'
import { cleanPatchValue } from './smp-clean.js'
import { SmpFormatErrors, badArgType, smpFormatError } from './smp-errors.js'
import { checkSetElementOrder, itemKind, normalizeOrder, partition } from './smp-order.js'

/** Merges a list field of the live object with the same field of the patch. */
export type ListMerger = (
  original: unknown[],
  patch: unknown[],
  meta: PatchMeta | undefined
) => unknown[]

/** The key prefix of the parallel list that removes values from a primitive list. */
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList'
/** The key prefix of the parallel list that orders a merged list. */
export const SET_ELEMENT_ORDER = '$setElementOrder'
/** The key of the list of fields a `retainKeys` object keeps. */
export const RETAIN_KEYS = '$retainKeys'

/** Returns the field a `$prefix/field` directive key names; throws when it names none. */
export function directiveField(key: string, prefix: string): string {
  const slash = key.indexOf('/')
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw smpFormatError(
      prefix === SET_ELEMENT_ORDER ? SmpFormatErrors.setElementOrder : SmpFormatErrors.primitiveList
    )
  }
  return key.slice(slash + 1)
}

/**
 * Applies `$retainKeys`: the live fields it does not list are cleared, and every non-null field
 * of the patch must be listed (else 400 `invalid patch format of retainKeys`).
 */
export function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return
  const keys = patch[RETAIN_KEYS]
  Reflect.deleteProperty(patch, RETAIN_KEYS)
  if (!Array.isArray(keys)) throw smpFormatError(SmpFormatErrors.retainKeys)
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER))
      continue
    if (!keys.includes(k)) throw smpFormatError(SmpFormatErrors.retainKeys)
  }
  for (const k of Object.keys(original)) if (!keys.includes(k)) Reflect.deleteProperty(original, k)
}

/**
 * Applies every `$setElementOrder/<field>` of a patch map: merges the field's list (with
 * `mergeList`) and sorts the result by the directive's order, keeping server-only items where
 * they were. The directive and the list it ordered are removed from `patch`.
 */
export function applySetElementOrder(
  original: Obj,
  patch: Obj,
  meta: PatchMeta | undefined,
  mergeList: ListMerger
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue
    const order = patch[key]
    Reflect.deleteProperty(patch, key)
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order)
    const field = directiveField(key, SET_ELEMENT_ORDER)
    const inOriginal = Object.hasOwn(original, field)
    const inPatch = Object.hasOwn(patch, field)
    const live = inOriginal ? original[field] : []
    const given = inPatch ? patch[field] : []
    if (!Array.isArray(live)) throw badArgType('[]interface {}', live)
    if (!Array.isArray(given)) throw badArgType('[]interface {}', given)
    const fieldMeta = childMeta(meta, field)
    const mergeKey = fieldMeta?.patchMergeKey ?? ''
    checkSetElementOrder(given, order, mergeKey)
    if (!inOriginal && !inPatch) continue
    let merged: unknown[]
    if (!inPatch) merged = live
    else if (!inOriginal) merged = cleanPatchValue(given, fieldMeta) as unknown[]
    else if (smpStrategy(fieldMeta).strategy === 'merge') merged = mergeList(live, given, fieldMeta)
    else merged = cleanPatchValue(given, fieldMeta) as unknown[]
    const [ordered, serverOnly] = partition(merged, order, mergeKey)
    const kind = itemKind(live, given)
    original[field] = normalizeOrder(ordered, serverOnly, order, live, mergeKey, kind)
    Reflect.deleteProperty(patch, field)
  }
}
