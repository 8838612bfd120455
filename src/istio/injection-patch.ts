import type { JsonObject, JsonValue, KubeObject } from '../api/types.js'
import { Annotations } from './annotations.js'
import type { SidecarInjectionStatus } from './injection-status.js'
import type { SidecarInjectionSpec } from './sidecar-spec.js'

/** One RFC 6902 operation, as the injector's `rfc6902PatchOperation` serialises it. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace'
  path: string
  value?: JsonValue
}

/**
 * Returns the JSON patch the Istio 1.0 webhook answers with (`createPatch` in webhook.go):
 * removals of what the previous status names (last index first), then the template's objects
 * appended, then the status annotation added or replaced.
 */
export function createInjectionPatch(
  pod: KubeObject,
  prev: SidecarInjectionStatus,
  spec: SidecarInjectionSpec,
  status: string
): JsonPatchOp[] {
  const podSpec = (pod['spec'] ?? {}) as Record<string, JsonValue | undefined>
  const field = (k: string) => (Array.isArray(podSpec[k]) ? (podSpec[k] as JsonObject[]) : [])
  const keys = ['initContainers', 'containers', 'volumes', 'imagePullSecrets'] as const
  const previous = [prev.initContainers, prev.containers, prev.volumes, prev.imagePullSecrets]
  const patch: JsonPatchOp[] = []
  keys.forEach((k, i) => patch.push(...removeNamed(field(k), previous[i] ?? [], `/spec/${k}`)))
  keys.forEach((k) => patch.push(...appendAll(field(k), spec[k], `/spec/${k}`)))
  patch.push(...updateAnnotation(pod.metadata.annotations, Annotations.Status, status))
  return patch
}

/** Returns `remove` ops for the named items, from the last index down so indices stay valid. */
function removeNamed(items: JsonObject[], names: string[], path: string): JsonPatchOp[] {
  const out: JsonPatchOp[] = []
  for (let i = items.length - 1; i >= 0; i--) {
    if (names.includes(String(items[i]!['name']))) out.push({ op: 'remove', path: `${path}/${i}` })
  }
  return out
}

/**
 * Returns `add` ops appending items. Like webhook.go, "empty" is judged on the pod before the
 * removals: an empty target gets the whole array first, later items go to `/-`.
 */
function appendAll(target: JsonObject[], added: JsonObject[], path: string): JsonPatchOp[] {
  let first = target.length === 0
  return added.map((item) => {
    if (first) {
      first = false
      return { op: 'add', path, value: [item] }
    }
    return { op: 'add', path: `${path}/-`, value: item }
  })
}

/** Returns the op setting one annotation: the whole map when there is none, else add or replace. */
function updateAnnotation(
  current: Record<string, string> | undefined,
  key: string,
  value: string
): JsonPatchOp[] {
  if (current === undefined || current === null)
    return [{ op: 'add', path: '/metadata/annotations', value: { [key]: value } }]
  const op = current[key] ? 'replace' : 'add'
  return [{ op, path: `/metadata/annotations/${escapeJsonPointer(key)}`, value }]
}

/** Returns a JSON pointer token escaped per RFC 6901 (`~` → `~0`, `/` → `~1`). */
export function escapeJsonPointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

/**
 * Returns a copy of a document with the ops applied, for the op shapes `createInjectionPatch`
 * emits (add/remove/replace on object members and array indices or `-`). The API server applies
 * the real patch; this lets `inject()` return exactly the object that patch produces.
 */
export function applyInjectionPatch<T>(doc: T, ops: JsonPatchOp[]): T {
  const root = structuredClone(doc) as unknown
  for (const { op, path, value } of ops) {
    const tokens = path
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    const last = tokens.pop()!
    let parent = root as Record<string, unknown> | unknown[]
    for (const t of tokens) {
      const next = Array.isArray(parent) ? parent[Number(t)] : parent[t]
      if (typeof next !== 'object' || next === null) {
        throw new Error(`json patch: path ${path} does not exist`)
      }
      parent = next as Record<string, unknown> | unknown[]
    }
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last)
      if (op === 'remove') parent.splice(i, 1)
      else parent.splice(i, op === 'replace' ? 1 : 0, structuredClone(value))
    } else if (op === 'remove') {
      Reflect.deleteProperty(parent, last)
    } else {
      parent[last] = structuredClone(value)
    }
  }
  return root as T
}
