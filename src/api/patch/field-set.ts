import { isObject, type JsonObject } from '../types.js'

/**
 * A path into an object as managedFields spell its elements: `f:<field>`, `k:<json of the key
 * fields>` (an item of a keyed list), `v:<json value>` (an item of a set), `i:<index>`.
 */
export type FieldPath = readonly string[]

const keyOf = (path: FieldPath): string => JSON.stringify(path)

/** A set of field paths (sigs.k8s.io/structured-merge-diff fieldpath.Set); immutable. */
export class FieldSet {
  private readonly members: ReadonlyMap<string, FieldPath>

  constructor(paths: Iterable<FieldPath> = []) {
    const members = new Map<string, FieldPath>()
    for (const p of paths) if (p.length > 0) members.set(keyOf(p), [...p])
    this.members = members
  }

  /** Returns the set decoded from a FieldsV1 object (`{"f:spec":{"f:replicas":{}}}`). */
  static fromFieldsV1(fields: unknown): FieldSet {
    const paths: FieldPath[] = []
    const walk = (node: unknown, path: string[]): void => {
      if (!isObject(node)) return
      const keys = Object.keys(node)
      if (path.length > 0 && (keys.length === 0 || keys.includes('.'))) paths.push(path)
      for (const k of keys) if (k !== '.') walk(node[k], [...path, k])
    }
    walk(fields, [])
    return new FieldSet(paths)
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

  /** Returns true when a member lies strictly below `path`. */
  hasDescendant(path: FieldPath): boolean {
    return this.paths().some((p) => p.length > path.length && path.every((e, i) => p[i] === e))
  }

  /** Returns the members, sorted as structured-merge-diff iterates them. */
  paths(): FieldPath[] {
    return [...this.members.values()].sort(comparePaths)
  }

  /** Returns the paths of either set. */
  union(other: FieldSet): FieldSet {
    return new FieldSet([...this.members.values(), ...other.members.values()])
  }

  /** Returns the paths of this set that `other` lacks (exact paths, not subtrees). */
  difference(other: FieldSet): FieldSet {
    return new FieldSet([...this.members.values()].filter((p) => !other.has(p)))
  }

  /** Returns the paths of both sets. */
  intersection(other: FieldSet): FieldSet {
    return new FieldSet([...this.members.values()].filter((p) => other.has(p)))
  }

  /** Returns the paths that are not `prefix` itself nor below it. */
  withoutSubtree(prefix: FieldPath): FieldSet {
    return new FieldSet(
      [...this.members.values()].filter((p) => !prefix.every((e, i) => p[i] === e))
    )
  }

  /** Returns the FieldsV1 object of the set ("." marks a member that also has children). */
  toFieldsV1(): JsonObject {
    const root: Node = { member: false, children: new Map() }
    for (const path of this.members.values()) {
      let node = root
      for (const el of path) {
        let next = node.children.get(el)
        if (!next) node.children.set(el, (next = { member: false, children: new Map() }))
        node = next
      }
      node.member = true
    }
    return encode(root)
  }
}

interface Node {
  member: boolean
  children: Map<string, Node>
}

function encode(node: Node): JsonObject {
  const out: JsonObject = {}
  if (node.member && node.children.size > 0) out['.'] = {}
  const keys = [...node.children.keys()].sort(compareElements)
  for (const k of keys) out[k] = encode(node.children.get(k)!)
  return out
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 }

/** Orders path elements as structured-merge-diff does: fields, then keys, values, indexes. */
export function compareElements(a: string, b: string): number {
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
