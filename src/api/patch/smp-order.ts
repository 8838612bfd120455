import { isObject } from '../types.js'
import { goFormat } from './patch-errors.js'
import { badArgType, noListOfLists, noMergeKey, smpFailure } from './smp-errors.js'

// The ordering rules of strategic merge patch lists: the order of $setElementOrder wins, then
// the order of the patch list, then the order of the live list
// (https://git.k8s.io/design-proposals-archive/cli/preserve-order-in-strategic-merge-patch.md).

/** The kind of the items of a list: objects, or one scalar type. */
export type ItemKind = 'map' | 'string' | 'number' | 'boolean' | 'null'

/** Returns the common kind of the items of some lists; throws for lists of lists or mixed kinds. */
export function itemKind(...lists: unknown[][]): ItemKind {
  let kind: ItemKind | undefined
  for (const item of lists.flat()) {
    if (Array.isArray(item)) throw noListOfLists()
    const k: ItemKind = item === null ? 'null' : isObject(item) ? 'map' : (typeof item as ItemKind)
    if (kind !== undefined && kind !== k) {
      throw smpFailure(`list element types are not identical: ${goFormat(lists)}`)
    }
    kind = k
  }
  return kind ?? 'null'
}

/** Returns the merge-key value of a map item, or the item itself for scalars. */
function identity(item: unknown, mergeKey: string, kind: ItemKind): unknown {
  if (kind !== 'map') return item
  return isObject(item) ? item[mergeKey] : undefined
}

/** Returns the position of an item in a list (by merge key for maps), or -1. */
export function indexOf(list: unknown[], item: unknown, mergeKey: string, kind: ItemKind): number {
  const id = identity(item, mergeKey, kind)
  return list.findIndex((x) => identity(x, mergeKey, kind) === id)
}

/** Returns true when two items have the same merge-key value (the same value for scalars). */
export function sameItem(a: unknown, b: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return a === b
  if (!isObject(a)) throw badArgType('map[string]interface {}', a)
  if (!isObject(b)) throw badArgType('map[string]interface {}', b)
  if (!Object.hasOwn(a, mergeKey)) throw noMergeKey(a, mergeKey)
  if (!Object.hasOwn(b, mergeKey)) throw noMergeKey(b, mergeKey)
  return a[mergeKey] === b[mergeKey]
}

/** Returns true for a list item carrying `$patch: delete`. */
export function isDeleteItem(item: unknown): boolean {
  return isObject(item) && item.$patch === 'delete'
}

/** Splits a merged list into the items present in `by` and the others (server-only). */
export function partition(
  merged: unknown[],
  by: unknown[],
  mergeKey: string
): [unknown[], unknown[]] {
  const inBy: unknown[] = []
  const rest: unknown[] = []
  for (const item of merged) {
    if (mergeKey !== '') {
      if (!isObject(item)) throw badArgType('map[string]interface {}', item)
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey)
    }
    const found =
      mergeKey === ''
        ? by.includes(item)
        : by.some(
            (b) =>
              isObject(b) &&
              Object.hasOwn(b, mergeKey) &&
              b[mergeKey] === (item as Record<string, unknown>)[mergeKey]
          )
    ;(found ? inBy : rest).push(item)
  }
  return [inBy, rest]
}

/** Returns `items` sorted by their position in `order` (stable); `$patch: delete` items go last. */
function sortByOrder(
  items: unknown[],
  order: unknown[],
  mergeKey: string,
  kind: ItemKind
): unknown[] {
  let keep = items
  let deletes: unknown[] = []
  if (kind === 'map') {
    for (const item of [...items, ...order]) {
      if (!isObject(item)) throw badArgType('map[string]interface {}', item)
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey)
    }
    keep = items.filter((i) => !isDeleteItem(i))
    deletes = items.filter(isDeleteItem)
  }
  const sorted = [...keep].sort((a, b) => {
    const ia = indexOf(order, a, mergeKey, kind)
    const ib = indexOf(order, b, mergeKey, kind)
    return ia >= 0 && ib >= 0 ? ia - ib : 0
  })
  return [...sorted, ...deletes]
}

/**
 * Returns the patch items (sorted by `patchOrder`) and the server-only items (sorted by
 * `serverOrder`) interleaved: a server-only item goes before a patch item when the live list had
 * it first; a patch item the live list lacks goes before the next server-only item.
 */
export function normalizeOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ItemKind
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind)
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind)
  const out: unknown[] = []
  let i = 0
  let j = 0
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++])
    else if (j >= right.length) out.push(left[i++])
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind)
      const ri = indexOf(serverOrder, right[j], mergeKey, kind)
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++])
    }
  }
  return out
}

/** Checks that the patch list follows the relative order of its $setElementOrder list. */
export function checkSetElementOrder(
  patchList: unknown[],
  order: unknown[],
  mergeKey: string
): void {
  if (order.length === 0 || patchList.length === 0) return
  if (mergeKey !== '') {
    for (const item of patchList)
      if (!isObject(item)) throw badArgType('map[string]interface {}', item)
  }
  const items = mergeKey === '' ? patchList : patchList.filter((i) => !isDeleteItem(i))
  let p = 0
  let s = 0
  while (p < items.length && s < order.length) {
    const item = items[p]
    if (isObject(item) && Object.hasOwn(item, '$patch')) {
      p++
      continue
    }
    if (sameItem(item, order[s], mergeKey)) p++
    s++
  }
  if (p < items.length && s >= order.length) {
    throw smpFailure(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`
    )
  }
}
