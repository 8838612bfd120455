import { asObject, isObject } from '../types.js'
import { FieldSet, type FieldPath } from './field-set.js'
import { jsonEqual } from './json-equal.js'
import { childMeta, itemMeta, listKeysOf, listTypeOf, type PatchMeta } from './patch-meta.js'

// The two walks of structured-merge-diff the field manager relies on: the set of fields an
// applied configuration sets (typed/tofieldset.go) and the comparison of two versions of an
// object (typed/compare.go). Lists and maps are typed with PatchMeta instead of an OpenAPI schema.

/** Returns the path element of a list item (`k:{"name":"x"}` / `v:"x"`), or undefined. */
export function itemElement(item: unknown, listMeta: PatchMeta | undefined): string | undefined {
  const type = listTypeOf(listMeta)
  if (type === 'set')
    return isObject(item) || Array.isArray(item) ? undefined : `v:${JSON.stringify(item)}`
  if (type !== 'map' || !isObject(item)) return undefined
  const key: Record<string, unknown> = {}
  for (const name of [...listKeysOf(listMeta)].sort()) {
    const value = Object.hasOwn(item, name) ? item[name] : listMeta?.keyDefaults?.[name]
    // An item without its key cannot be addressed; structured-merge-diff rejects it, the lab skips it.
    if (value === undefined) return undefined
    key[name] = value
  }
  return `k:${JSON.stringify(key)}`
}

/** Returns how a value is walked: a granular map, a granular list, or a leaf. */
function shapeOf(v: unknown, meta: PatchMeta | undefined): 'map' | 'list' | 'leaf' {
  if (isObject(v)) return meta?.mapType === 'atomic' ? 'leaf' : 'map'
  if (Array.isArray(v)) return listTypeOf(meta) === 'atomic' ? 'leaf' : 'list'
  return 'leaf'
}

/** Returns the fields an applied configuration sets: its leaves, list items and empty objects. */
export function toFieldSet(value: unknown, meta: PatchMeta | undefined): FieldSet {
  const paths: FieldPath[] = []
  const visit = (v: unknown, m: PatchMeta | undefined, path: string[]): void => {
    const shape = shapeOf(v, m)
    if (shape === 'leaf') paths.push(path)
    else if (shape === 'map') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const p = [...path, `f:${k}`]
        if (x === null || (isObject(x) && Object.keys(x).length === 0)) paths.push(p)
        visit(x, childMeta(m, k), p)
      }
    } else {
      for (const item of v as unknown[]) {
        const el = itemElement(item, m)
        if (el === undefined) continue
        visit(item, itemMeta(m), [...path, el])
        paths.push([...path, el])
      }
    }
  }
  visit(value, meta, [])
  return new FieldSet(paths)
}

/** The result of comparing two versions of an object. */
export interface Comparison {
  added: FieldSet
  modified: FieldSet
  removed: FieldSet
}

/** Returns which fields `after` added, modified and removed relative to `before`. */
export function compareObjects(
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined
): Comparison {
  const added: FieldPath[] = []
  const modified: FieldPath[] = []
  const removed: FieldPath[] = []
  const leaf = (l: unknown, r: unknown, path: string[]): void => {
    if (l === undefined) added.push(path)
    else if (r === undefined) removed.push(path)
    else if (!jsonEqual(l, r)) modified.push(path)
  }
  const walk = (l: unknown, r: unknown, m: PatchMeta | undefined, path: string[]): void => {
    const ls = l === undefined || l === null ? undefined : shapeOf(l, m)
    const rs = r === undefined || r === null ? undefined : shapeOf(r, m)
    const shape = ls ?? rs
    if (shape === undefined || shape === 'leaf' || (ls && rs && ls !== rs)) return leaf(l, r, path)
    if (shape === 'map') {
      const lm = asObject(l)
      const rm = asObject(r)
      const keys = new Set([...Object.keys(lm), ...Object.keys(rm)])
      if (keys.size === 0) return leaf(l, r, path)
      for (const k of keys) walk(lm[k], rm[k], childMeta(m, k), [...path, `f:${k}`])
    } else {
      const items = new Map<string, [unknown, unknown]>()
      const index = (list: unknown, side: 0 | 1): void => {
        for (const item of Array.isArray(list) ? list : []) {
          const el = itemElement(item, m)
          if (el === undefined) continue
          const pair = items.get(el) ?? [undefined, undefined]
          if (pair[side] === undefined) pair[side] = item
          items.set(el, pair)
        }
      }
      index(l, 0)
      index(r, 1)
      if (items.size === 0) return leaf(l, r, path)
      for (const [el, [li, ri]] of items) walk(li, ri, itemMeta(m), [...path, el])
    }
    // A map or list that appeared or disappeared is itself added or removed ("." in FieldsV1).
    if (path.length > 0 && l === undefined) added.push(path)
    else if (path.length > 0 && r === undefined) removed.push(path)
  }
  walk(before, after, meta, [])
  return {
    added: new FieldSet(added),
    modified: new FieldSet(modified),
    removed: new FieldSet(removed),
  }
}
