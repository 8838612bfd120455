import type { KubeVersion } from '../../api/resources/index.js'
import type { GroupVersionKind, JsonObject } from '../../api/types.js'
import { apiDefinitions } from './definitions.js'
import { definitionName } from './names.js'

/**
 * A schema compiled for pruning: `keep` holds anything (RawExtension, `{}`, preserve-unknown-fields
 * without properties), `leaf` is a scalar, `obj` a struct with known fields, `map` a map of one
 * value schema, `arr` a list of one item schema.
 */
type Node =
  | { t: 'keep' }
  | { t: 'leaf' }
  | { t: 'obj'; props: Map<string, Node>; keepUnknown: boolean }
  | { t: 'map'; value: Node }
  | { t: 'arr'; items: Node }

const KEEP: Node = { t: 'keep' }
const LEAF: Node = { t: 'leaf' }

/**
 * Removes the fields of an object its kind's schema does not know, in place, as kube-apiserver's
 * decoder drops them; returns their paths as the strict decoder names them (`spec.foo`,
 * `spec.containers[0].bar`), in document order. With `remove: false` it only reports them.
 */
export type FieldPruner = (obj: unknown, remove?: boolean) => string[]

type Defs = Readonly<Record<string, JsonObject>>

/** Compiles OpenAPI v2 definitions to pruning nodes once per definition (recursive types included). */
class Compiler {
  private nodes = new Map<string, Node>()
  private defs: Defs

  constructor(defs: Defs) {
    this.defs = defs
  }

  definition(name: string): Node | undefined {
    const hit = this.nodes.get(name)
    if (hit) return hit
    const def = this.defs[name]
    if (!def) return undefined
    // RawExtension holds any object; 1.11's data describes its Go struct ({Raw}) instead.
    if (name.endsWith('.RawExtension')) return this.remember(name, KEEP)
    const props = def['properties']
    if (props && typeof props === 'object' && !def['x-kubernetes-preserve-unknown-fields']) {
      // Registered before its fields are compiled, so recursive definitions end on themselves.
      const node: Node = { t: 'obj', props: new Map(), keepUnknown: false }
      this.nodes.set(name, node)
      this.fill(node, props as Record<string, JsonObject>)
      return node
    }
    return this.remember(name, this.schema(def))
  }

  private remember(name: string, node: Node): Node {
    this.nodes.set(name, node)
    return node
  }

  private fill(node: Node & { t: 'obj' }, props: Record<string, JsonObject>): void {
    for (const [k, s] of Object.entries(props)) node.props.set(k, this.schema(s))
  }

  schema(s: JsonObject): Node {
    const ref = s['$ref']
    if (typeof ref === 'string')
      return this.definition(ref.replace(/^#\/definitions\//, '')) ?? KEEP
    const allOf = s['allOf']
    if (Array.isArray(allOf) && allOf.length === 1) return this.schema(allOf[0] as JsonObject)
    if (s['x-kubernetes-int-or-string'] || s['format'] === 'int-or-string') return LEAF
    const props = s['properties']
    if (props && typeof props === 'object') {
      const node: Node = {
        t: 'obj',
        props: new Map(),
        keepUnknown: s['x-kubernetes-preserve-unknown-fields'] === true,
      }
      this.fill(node, props as Record<string, JsonObject>)
      return node
    }
    if (s['x-kubernetes-preserve-unknown-fields'] || s['x-kubernetes-embedded-resource'])
      return KEEP
    const additional = s['additionalProperties']
    if (additional && typeof additional === 'object') {
      const value = this.schema(additional as JsonObject)
      return value === LEAF || value === KEEP ? value : { t: 'map', value }
    }
    if (s['type'] === 'array') {
      const items = s['items']
      const node = items && typeof items === 'object' ? this.schema(items as JsonObject) : KEEP
      return node === LEAF || node === KEEP ? node : { t: 'arr', items: node }
    }
    const type = s['type']
    return type === undefined || type === 'object' ? KEEP : LEAF
  }
}

// Walks a value; `path` holds the segments down to it, formatted only when a field is unknown.
function walk(node: Node, value: unknown, path: string[], out: string[], remove: boolean): void {
  if (typeof value !== 'object' || value === null) return
  switch (node.t) {
    case 'obj': {
      if (Array.isArray(value)) return
      const o = value as Record<string, unknown>
      for (const k in o) {
        const child = node.props.get(k)
        if (child === undefined) {
          if (node.keepUnknown) continue
          out.push(format(path, k))
          if (remove) Reflect.deleteProperty(o, k)
        } else if (child.t !== 'leaf' && child.t !== 'keep') {
          path.push(k)
          walk(child, o[k], path, out, remove)
          path.pop()
        }
      }
      return
    }
    case 'map':
      if (Array.isArray(value)) return
      for (const [k, v] of Object.entries(value)) {
        path.push(k)
        walk(node.value, v, path, out, remove)
        path.pop()
      }
      return
    case 'arr':
      if (!Array.isArray(value)) return
      for (let i = 0; i < value.length; i++) {
        path.push(`[${i}]`)
        walk(node.items, value[i], path, out, remove)
        path.pop()
      }
      return
    default:
      return
  }
}

function format(path: string[], field: string): string {
  let s = ''
  for (const seg of path) s += seg.startsWith('[') || s === '' ? seg : `.${seg}`
  return s === '' ? field : `${s}.${field}`
}

const compilers = new WeakMap<Defs, Compiler>()
const pruners = new WeakMap<Defs, Map<string, FieldPruner | null>>()

/**
 * Returns the pruner of a built-in kind, compiled from the OpenAPI definitions of the release the
 * profile serves (once per kind), or undefined when the release has no schema for it (custom
 * resources, whose 1.11-era CRDs keep every field).
 */
export function fieldPruner(version: KubeVersion, gvk: GroupVersionKind): FieldPruner | undefined {
  const { definitions } = apiDefinitions(version)
  let byKind = pruners.get(definitions)
  if (!byKind) pruners.set(definitions, (byKind = new Map()))
  const name = definitionName(gvk)
  const hit = byKind.get(name)
  if (hit !== undefined) return hit ?? undefined
  let compiler = compilers.get(definitions)
  if (!compiler) compilers.set(definitions, (compiler = new Compiler(definitions)))
  const pruner = toPruner(compiler.definition(name))
  byKind.set(name, pruner ?? null)
  return pruner
}

/** Returns a pruner compiled from given definitions (tests and tools that bring their own schema). */
export function compileFieldPruner(definitions: Defs, name: string): FieldPruner | undefined {
  return toPruner(new Compiler(definitions).definition(name))
}

function toPruner(node: Node | undefined): FieldPruner | undefined {
  if (!node || node.t !== 'obj') return undefined
  return (obj, remove = true) => {
    const out: string[] = []
    walk(node, obj, [], out, remove)
    return out
  }
}
