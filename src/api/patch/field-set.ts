import { isObject, type JsonObject } from '../types.js'

/**
 * A path into an object as managedFields spell its elements: `f:<field>`, `k:<json of the key
 * fields>` (an item of a keyed list), `v:<json value>` (an item of a set), `i:<index>`.
 */
export type FieldPath = readonly string[]

const keyOf = (path: FieldPath): string => JSON.stringify(path)

/**
 * Returns true when `path` is a member of the set a FieldsV1 object encodes (its node exists and
 * is a leaf or marked "."), without decoding the rest: what `fromFieldsV1(fields).has(path)` says.
 */
export function fieldsV1Has(fields: unknown, path: FieldPath): boolean {
  if (path.length === 0) return false
  let node = fields
  for (const el of path) {
    if (el === '.' || !isObject(node) || !Object.hasOwn(node, el)) return false
    node = node[el]
  }
  if (!isObject(node)) return false
  if (Object.hasOwn(node, '.')) return true
  for (const _ in node) return false
  return true
}

/** A set of field paths (sigs.k8s.io/structured-merge-diff fieldpath.Set); immutable. */
export class FieldSet {
  // Each member under its key (computed once: the set operations below share keys and paths).
  private readonly members: ReadonlyMap<string, FieldPath>

  constructor(paths: Iterable<FieldPath> = []) {
    const members = new Map<string, FieldPath>()
    for (const p of paths) if (p.length > 0) members.set(keyOf(p), [...p])
    this.members = members
  }

  /** Returns a set over `members` as they are (keys already computed, paths not copied). */
  private static of(members: Map<string, FieldPath>): FieldSet {
    const set = Object.create(FieldSet.prototype) as { members: Map<string, FieldPath> }
    set.members = members
    return set as unknown as FieldSet
  }

  /**
   * Returns a set over `members` as they are: each path under its key, `JSON.stringify(path)`
   * (a walk that grows paths element by element makes the keys as it goes). Nothing is copied.
   */
  static keyed(members: Map<string, FieldPath>): FieldSet {
    return members.size === 0 ? EMPTY : FieldSet.of(members)
  }

  /** Returns the set decoded from a FieldsV1 object (`{"f:spec":{"f:replicas":{}}}`). */
  static fromFieldsV1(fields: unknown): FieldSet {
    const members = new Map<string, FieldPath>()
    // `inner` is the path's key without its brackets, grown one element at a time (keyOf's text).
    const walk = (node: unknown, path: string[], inner: string): void => {
      if (!isObject(node)) return
      const keys = Object.keys(node)
      if (path.length > 0 && (keys.length === 0 || keys.includes('.')))
        members.set(`[${inner}]`, path)
      for (const k of keys)
        if (k !== '.')
          walk(node[k], [...path, k], inner ? `${inner},${JSON.stringify(k)}` : JSON.stringify(k))
    }
    walk(fields, [], '')
    return FieldSet.of(members)
  }

  /** Returns the number of paths. */
  get size(): number {
    return this.members.size
  }

  /** Returns true when the set has no path. */
  isEmpty(): boolean {
    return this.members.size === 0
  }

  /** Returns true when the path is a member. */
  has(path: FieldPath): boolean {
    return this.members.has(keyOf(path))
  }

  /** Returns true when some member satisfies `test`. */
  some(test: (path: FieldPath) => boolean): boolean {
    for (const p of this.members.values()) if (test(p)) return true
    return false
  }

  /** Returns true when a member lies strictly below `path`. */
  hasDescendant(path: FieldPath): boolean {
    for (const p of this.members.values())
      if (p.length > path.length && path.every((e, i) => p[i] === e)) return true
    return false
  }

  /** Returns the members, sorted as structured-merge-diff iterates them. */
  paths(): FieldPath[] {
    return [...this.members.values()].sort(comparePaths)
  }

  /** Returns the paths of either set: this set itself when it already has every path of `other`. */
  union(other: FieldSet): FieldSet {
    if (other.members.size === 0) return this
    if (this.members.size === 0) return other
    let members: Map<string, FieldPath> | undefined
    for (const [k, p] of other.members)
      if (!this.members.has(k)) (members ??= new Map(this.members)).set(k, p)
    return members ? FieldSet.of(members) : this
  }

  /** Returns the paths of this set that `other` lacks (exact paths, not subtrees). */
  difference(other: FieldSet): FieldSet {
    return this.filter((k) => !other.members.has(k))
  }

  /** Returns the paths of both sets. */
  intersection(other: FieldSet): FieldSet {
    return this.filter((k) => other.members.has(k))
  }

  /** Returns the paths that are not `prefix` itself nor below it. */
  withoutSubtree(prefix: FieldPath): FieldSet {
    return this.filter((_, p) => !prefix.every((e, i) => p[i] === e))
  }

  /** Returns the members `keep` keeps: this set itself when it keeps them all. */
  private filter(keep: (key: string, path: FieldPath) => boolean): FieldSet {
    let members: Map<string, FieldPath> | undefined
    let i = 0
    for (const [k, p] of this.members) {
      if (keep(k, p)) members?.set(k, p)
      else if (!members) {
        // The first member left out: copy the ones kept so far.
        members = new Map()
        let j = 0
        for (const [k2, p2] of this.members) {
          if (j++ === i) break
          members.set(k2, p2)
        }
      }
      i++
    }
    return members ? FieldSet.of(members) : this
  }

  /** Returns the FieldsV1 object of the set ("." marks a member that also has children). */
  toFieldsV1(): JsonObject {
    const root = fieldTrie()
    for (const path of this.members.values()) addTriePath(root, path)
    return encode(root)
  }
}

const EMPTY = new FieldSet()

/** A node of a field-path trie: whether its path is a member, and its children by element. */
export interface FieldTrie {
  member: boolean
  children: Map<string, FieldTrie>
}

type Node = FieldTrie

/** Returns an empty field-path trie. */
export function fieldTrie(): FieldTrie {
  return { member: false, children: new Map() }
}

/** Makes `path` a member of the trie; returns false when it already was. */
export function addTriePath(root: FieldTrie, path: Iterable<string>): boolean {
  let node = root
  for (const el of path) {
    let next = node.children.get(el)
    if (!next) node.children.set(el, (next = fieldTrie()))
    node = next
  }
  if (node.member) return false
  node.member = true
  return true
}

/** Returns the FieldsV1 object of a trie (see `FieldSet.toFieldsV1`). */
export function encodeFieldTrie(node: FieldTrie): JsonObject {
  return encode(node)
}

function encode(node: Node): JsonObject {
  const out: JsonObject = {}
  if (node.member && node.children.size > 0) out['.'] = {}
  const keys = [...node.children.keys()]
  // Fields among fields (or keys among keys) order by their text alone: the plain sort's order.
  keys.sort(oneKind(keys) ? undefined : compareElements)
  for (const k of keys) out[k] = encode(node.children.get(k)!)
  return out
}

/** Returns true when every element is a field (`f:`), or every one a key (`k:`). */
function oneKind(keys: string[]): boolean {
  const first = keys[0]
  if (first === undefined || (first[0] !== 'f' && first[0] !== 'k') || first[1] !== ':')
    return false
  for (const k of keys) if (k[0] !== first[0] || k[1] !== ':') return false
  return true
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 }

/** Orders path elements as structured-merge-diff does: fields, then keys, values, indexes. */
export function compareElements(a: string, b: string): number {
  // Two fields or two keys: their texts after the same two characters decide.
  if (a[0] === b[0] && (a[0] === 'f' || a[0] === 'k') && a[1] === ':' && b[1] === ':')
    return a < b ? -1 : a > b ? 1 : 0
  const ra = RANK[a[0]] ?? 4
  const rb = RANK[b[0]] ?? 4
  if (ra !== rb) return ra - rb
  const [x, y] = [a.slice(2), b.slice(2)]
  if (a[0] === 'i') return Number(x) - Number(y)
  if (a[0] === 'v') {
    const [vx, vy] = [JSON.parse(x) as unknown, JSON.parse(y) as unknown]
    if (typeof vx === 'number' && typeof vy === 'number') return vx - vy
  }
  return x < y ? -1 : x > y ? 1 : 0
}

/** Orders paths element by element (a prefix first). */
export function comparePaths(a: FieldPath, b: FieldPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareElements(a[i], b[i])
    if (c !== 0) return c
  }
  return a.length - b.length
}

/** Returns a path as structured-merge-diff prints it: `.spec.ports[port=80,protocol="TCP"]`. */
export function pathString(path: FieldPath): string {
  return path
    .map((el) => {
      const body = el.slice(2)
      switch (el[0]) {
        case 'f':
          return `.${body}`
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>
          return `[${Object.entries(key)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(',')}]`
        }
        case 'v':
          return `[=${body}]`
        default:
          return `[${body}]`
      }
    })
    .join('')
}
