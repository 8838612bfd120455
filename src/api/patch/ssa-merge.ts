import { isObject } from '../types.js'
import type { FieldPath } from './field-set.js'
import { itemElement } from './field-walk.js'
import { childMeta, itemMeta, listTypeOf, type PatchMeta } from './patch-meta.js'

// How server-side apply merges a configuration into the live object (structured-merge-diff
// typed/merge.go) and removes the fields an applier gave up (RemoveItems).

/**
 * Returns `live` with `config` merged in: objects merge field by field (unless atomic), keyed
 * lists and sets merge item by item (live-only items keep their place, the configuration's
 * order wins for the others, new items follow the configuration), anything else is replaced.
 */
export function mergeApplied(live: unknown, config: unknown, meta: PatchMeta | undefined): unknown {
  if (config === undefined) return live
  if (isObject(config) && isObject(live) && meta?.mapType !== 'atomic') {
    const out: Record<string, unknown> = { ...live }
    for (const [k, v] of Object.entries(config)) {
      // An applied null clears the field (the applier still owns it).
      if (v === null) Reflect.deleteProperty(out, k)
      else out[k] = mergeApplied(live[k], v, childMeta(meta, k))
    }
    return out
  }
  if (Array.isArray(config) && Array.isArray(live) && listTypeOf(meta) !== 'atomic') {
    return mergeItems(live, config, meta)
  }
  return dropNulls(config)
}

function mergeItems(live: unknown[], config: unknown[], meta: PatchMeta | undefined): unknown[] {
  const elements = (list: unknown[]): Map<string, unknown> => {
    const m = new Map<string, unknown>()
    for (const item of list) {
      const el = itemElement(item, meta)
      if (el !== undefined && !m.has(el)) m.set(el, item)
    }
    return m
  }
  const inLive = elements(live)
  const inConfig = elements(config)
  const out: unknown[] = []
  const emitted = new Set<string>()
  let next = 0
  const emitConfigItem = (): void => {
    const item = config[next++]
    const el = itemElement(item, meta)
    if (el === undefined) return void out.push(dropNulls(item))
    if (emitted.has(el)) return
    emitted.add(el)
    out.push(
      listTypeOf(meta) === 'map'
        ? mergeApplied(inLive.get(el), item, itemMeta(meta))
        : dropNulls(item)
    )
  }
  for (const item of live) {
    const el = itemElement(item, meta)
    if (el === undefined || !inConfig.has(el)) {
      out.push(item)
      continue
    }
    while (!emitted.has(el) && next < config.length) emitConfigItem()
  }
  while (next < config.length) emitConfigItem()
  return out
}

/**
 * Removes the fields at `paths` from an object (modified in place). Objects and lists that the
 * removal leaves empty are removed too, as Go's `omitempty` drops them when the object is stored.
 */
export function removeFields<T>(
  obj: T,
  paths: readonly FieldPath[],
  meta: PatchMeta | undefined
): T {
  for (const path of paths) removeAt(obj, path, meta)
  return obj
}

/** Removes one path below `node`; returns true when something was removed. */
function removeAt(node: unknown, path: FieldPath, meta: PatchMeta | undefined): boolean {
  const [head, ...rest] = path
  if (head.startsWith('f:')) {
    const field = head.slice(2)
    if (!isObject(node) || !Object.hasOwn(node, field)) return false
    if (rest.length === 0) return Reflect.deleteProperty(node, field)
    const removed = removeAt(node[field], rest, childMeta(meta, field))
    if (removed && isEmptyContainer(node[field])) Reflect.deleteProperty(node, field)
    return removed
  }
  if (!Array.isArray(node)) return false
  const index = head.startsWith('i:')
    ? Number(head.slice(2))
    : node.findIndex((i) => itemElement(i, meta) === head)
  if (index < 0 || index >= node.length) return false
  if (rest.length === 0) {
    node.splice(index, 1)
    return true
  }
  const removed = removeAt(node[index], rest, itemMeta(meta))
  if (removed && isEmptyContainer(node[index])) node.splice(index, 1)
  return removed
}

function isEmptyContainer(v: unknown): boolean {
  return (isObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0)
}

/** Returns a value without the null members of its objects (an applied `null` clears a field). */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v)
  return out
}
