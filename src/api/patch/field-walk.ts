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
  const names = listKeysOf(listMeta)
  for (const name of names.length < 2 ? names : [...names].sort()) {
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

/**
 * Returns which fields `after` added, modified and removed relative to `before`; with
 * `withoutManagedFields`, as if neither had `metadata.managedFields` (without copying them).
 */
export function compareObjects(
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined,
  withoutManagedFields = false
): Comparison {
  const w = newWalk(withoutManagedFields)
  walk(w, before, after, meta)
  return {
    added: FieldSet.keyed(w.added),
    modified: FieldSet.keyed(w.modified),
    removed: FieldSet.keyed(w.removed),
  }
}

/**
 * Walks `before` and `after` as `compareObjects` does and calls `onChanged` with each path it
 * would find added or modified, `onRemoved` (if given) with each removed one, in no particular
 * order, without making the sets: the path is the walk's own, valid only during the call.
 */
export function walkChanges(
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined,
  withoutManagedFields: boolean,
  onChanged: (path: readonly string[]) => void,
  onRemoved?: (path: readonly string[]) => void
): void {
  const w = newWalk(withoutManagedFields)
  w.onChanged = onChanged
  if (onRemoved) w.onRemoved = onRemoved
  walk(w, before, after, meta)
}

// A walk that has found nothing yet.
function newWalk(withoutManagedFields: boolean): Walk {
  return {
    added: new Map(),
    modified: new Map(),
    removed: new Map(),
    path: [],
    keys: [],
    keyed: 0,
    withoutManagedFields,
  }
}

/**
 * A comparison under way: each path found under its FieldSet key, and the one path the walk
 * grows and shrinks (copied only when kept). Plain functions walk it: no closure per node.
 */
interface Walk {
  added: Map<string, FieldPath>
  modified: Map<string, FieldPath>
  removed: Map<string, FieldPath>
  path: string[]
  /**
   * The key text (JSON.stringify of the path, without its brackets) of each prefix of `path`, the
   * first `keyed` of them current: siblings kept under one parent share its text, made once.
   */
  keys: string[]
  keyed: number
  withoutManagedFields: boolean
  /** Set by walkChanges: added and modified paths go here instead of into the maps. */
  onChanged?: (path: readonly string[]) => void
  onRemoved?: (path: readonly string[]) => void
}

function push(w: Walk, el: string): void {
  w.path.push(el)
  if (w.keyed >= w.path.length) w.keyed = w.path.length - 1
}

function pop(w: Walk): void {
  w.path.pop()
  if (w.keyed > w.path.length) w.keyed = w.path.length
}

function keep(w: Walk, set: Map<string, FieldPath>): void {
  if (w.onChanged) {
    if (set !== w.removed) w.onChanged(w.path)
    else w.onRemoved?.(w.path)
    return
  }
  const p = w.path.slice()
  const keys = w.keys
  for (let i = w.keyed; i < p.length; i++)
    keys[i] = i === 0 ? JSON.stringify(p[0]) : `${keys[i - 1]!},${JSON.stringify(p[i])}`
  w.keyed = p.length
  // The key FieldSet files a path under: JSON.stringify(p), made from the shared prefixes.
  set.set(p.length === 0 ? '[]' : `[${keys[p.length - 1]!}]`, p)
}

function leaf(w: Walk, l: unknown, r: unknown): void {
  if (l === undefined) keep(w, w.added)
  else if (r === undefined) keep(w, w.removed)
  else if (!jsonEqual(l, r)) keep(w, w.modified)
}

function walk(w: Walk, l: unknown, r: unknown, m: PatchMeta | undefined): void {
  // A value shared by both versions (stored objects share what a write left alone) is unchanged.
  if (l === r && l !== undefined) return
  const ls = l === undefined || l === null ? undefined : shapeOf(l, m)
  const rs = r === undefined || r === null ? undefined : shapeOf(r, m)
  const shape = ls ?? rs
  if (shape === undefined || shape === 'leaf' || (ls && rs && ls !== rs)) return leaf(w, l, r)
  const path = w.path
  if (shape === 'map') {
    const lm = asObject(l)
    const rm = asObject(r)
    const lk = Object.keys(lm)
    const rk = Object.keys(rm)
    if (lk.length === 0 && rk.length === 0) return leaf(w, l, r)
    const skip = w.withoutManagedFields && path.length === 1 && path[0] === 'f:metadata'
    // Every key of either side once, the left side's first (in its order), then the right's.
    for (const k of lk) if (!(skip && k === 'managedFields')) field(w, lm, rm, k, m)
    for (const k of rk)
      if (!Object.hasOwn(lm, k) && !(skip && k === 'managedFields')) field(w, lm, rm, k, m)
  } else {
    const items = new Map<string, [unknown, unknown]>()
    indexItems(items, l, 0, m)
    indexItems(items, r, 1, m)
    if (items.size === 0) return leaf(w, l, r)
    const im = itemMeta(m)
    for (const [el, [li, ri]] of items) {
      push(w, el)
      walk(w, li, ri, im)
      pop(w)
    }
  }
  // A map or list that appeared or disappeared is itself added or removed ("." in FieldsV1).
  if (path.length > 0 && l === undefined) keep(w, w.added)
  else if (path.length > 0 && r === undefined) keep(w, w.removed)
}

function field(
  w: Walk,
  lm: Record<string, unknown>,
  rm: Record<string, unknown>,
  k: string,
  m: PatchMeta | undefined
): void {
  push(w, `f:${k}`)
  walk(w, lm[k], rm[k], childMeta(m, k))
  pop(w)
}

/** Files each addressable item of a list under its path element, on its side (0 left, 1 right). */
function indexItems(
  items: Map<string, [unknown, unknown]>,
  list: unknown,
  side: 0 | 1,
  m: PatchMeta | undefined
): void {
  for (const item of Array.isArray(list) ? list : []) {
    const el = itemElement(item, m)
    if (el === undefined) continue
    const pair = items.get(el) ?? [undefined, undefined]
    if (pair[side] === undefined) pair[side] = item
    items.set(el, pair)
  }
}
