import { isStatusError } from '../api/errors.js'
import {
  LabelSelector,
  labelSelectorFromObject,
  type LabelSelectorObject,
} from '../api/selectors/index.js'
import { rfc3339, type KubeObject, type OwnerReference } from '../api/types.js'
import type { KubeClient, ResourceRef } from '../client/index.js'
import type { Clock } from '../util/index.js'

export { objectKey as keyOf } from '../api/types.js'
export { errorMessage } from '../client/index.js'
export { findCondition, setCondition, removeCondition } from '../api/conditions.js'

/** Returns the namespace ('' when cluster-scoped) and name of a queue key. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/')
  return i < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, i), name: key.slice(i + 1) }
}

/** Returns the owner reference marked `controller: true`, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true)
}

/** Returns a controller owner reference to `owner` (blockOwnerDeletion, as controllers set it). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  }
}

/** Returns true when `obj` is controlled by the object with uid `uid`. */
export function isControlledBy(obj: KubeObject, uid: string | undefined): boolean {
  return !!uid && controllerOf(obj)?.uid === uid
}

/** Returns true for a 404 StatusError. */
export function isNotFound(err: unknown): boolean {
  return isStatusError(err, 'NotFound')
}

/** Returns true for a 409 AlreadyExists StatusError. */
export function isAlreadyExists(err: unknown): boolean {
  return isStatusError(err, 'AlreadyExists')
}

/** Returns the clock's time as Kubernetes writes timestamps (RFC 3339, whole seconds). */
export function timestamp(clock: Clock): string {
  return rfc3339(clock.now())
}

/** Returns the selector of a workload; a malformed one selects nothing. */
export function selectorOf(sel: LabelSelectorObject | undefined): LabelSelector {
  try {
    return labelSelectorFromObject(sel)
  } catch {
    // An invalid selector cannot be admitted by the API server; matching nothing is the safe reading.
    return LabelSelector.nothing()
  }
}

/** Returns JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val
  )
}

/**
 * Returns true when two values have the same JSON (key order ignored): what `canonicalJson`
 * would say, compared in place instead of serialized. As JSON.stringify, a key whose value is
 * undefined (or a function) is absent, such an array item is null, and so is a non-finite number.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return jsonNull(a) && jsonNull(b) && a !== undefined && b !== undefined
  if (hasToJson(a) || hasToJson(b)) return canonicalJson(a) === canonicalJson(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!itemEqual(a[i], b[i])) return false
    return true
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  let na = 0
  for (const k in ra) {
    if (!Object.hasOwn(ra, k) || absent(ra[k])) continue
    na++
    if (!Object.hasOwn(rb, k) || !jsonEqual(ra[k], rb[k])) return false
  }
  let nb = 0
  for (const k in rb) if (Object.hasOwn(rb, k) && !absent(rb[k])) nb++
  return na === nb
}

/** An object key JSON leaves out. */
function absent(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol'
}

/** A value JSON writes as null (null itself, a non-finite number; absent values in arrays). */
function jsonNull(v: unknown): boolean {
  return v === null || absent(v) || (typeof v === 'number' && !Number.isFinite(v))
}

/** Array items: an absent item is null there. */
function itemEqual(a: unknown, b: unknown): boolean {
  return jsonEqual(a, b) || (jsonNull(a) && jsonNull(b))
}

function hasToJson(v: object): boolean {
  return typeof (v as { toJSON?: unknown }).toJSON === 'function'
}

/** Returns an integer field, or the default. */
export function intOr(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt
}

/** Returns a copy of `o` without the keys whose value is 0, undefined or empty (Go's omitempty). */
export function omitEmpty<T extends Record<string, unknown>>(o: T, keep: string[] = []): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    if (
      keep.includes(k) ||
      !(v === 0 || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    )
      out[k] = v
  }
  return out as T
}

/**
 * Lists the objects of a namespace that a selector selects (server-side label filtering); a nil
 * selector selects nothing and an empty one everything.
 */
export async function listSelected<T extends KubeObject>(
  client: KubeClient,
  ref: ResourceRef,
  namespace: string,
  selector: LabelSelector
): Promise<T[]> {
  const text = selector.toString()
  if (!selector.isEmpty() && !text) return []
  const l = await client.list<T>(ref, { namespace, ...(text ? { labelSelector: text } : {}) })
  return l.items.filter((o) => selector.matches(o.metadata.labels))
}
