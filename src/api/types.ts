/** Loosely typed Kubernetes object shapes shared by every part of the lab. */

/** Returns nothing: a JSON value as the API server stores and serves it. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A JSON object (map). */
export type JsonObject = { [key: string]: JsonValue }

/** An owner reference (metadata.ownerReferences[]). */
export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

/** A managedFields entry written by server-side apply and updates. */
export interface ManagedFieldsEntry {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time: string
  fieldsType: 'FieldsV1'
  fieldsV1: JsonObject
  subresource?: string
}

/** ObjectMeta as the lab uses it; unknown fields pass through. */
export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
  managedFields?: ManagedFieldsEntry[]
  [key: string]: unknown
}

/** Any Kubernetes object: apiVersion, kind, metadata and whatever else its kind carries. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata: ObjectMeta
  [key: string]: unknown
}

/** A list of objects as the API serves it. */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string
  kind: string
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number }
  items: T[]
}

/** A watch event on the wire. */
export interface WatchEvent<T = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'
  object: T
}

/** Group, version and kind of a type. */
export interface GroupVersionKind {
  group: string
  version: string
  kind: string
}

/** Group and resource (plural), as Status details and errors name them. */
export interface GroupResource {
  group: string
  resource: string
}

/** Returns the `apiVersion` string for a group and version ("v1" for the core group). */
export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`
}

/** Returns the group and version of an `apiVersion` string. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/')
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) }
}

/** Returns true when a value is a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A JSON object whose fields are not yet known (a spec, a status, a condition). */
export type Obj = Record<string, unknown>

/** Returns a value if it is a plain JSON object, else an empty object. */
export function asObject(v: unknown): Obj {
  return isObject(v) ? v : {}
}

/** Returns a typed object field when it holds an object, else undefined (a mistyped field reads as absent). */
export function objectField<T extends object>(field: T | undefined): T | undefined {
  return isObject(field) ? field : undefined
}

/**
 * Returns the object items of a typed list field, as the API decodes them: a missing or mistyped
 * field is empty and items that are not objects are left out (the lab stores what it is given).
 */
export function objectItems<T extends object>(list: readonly T[] | undefined): T[] {
  return Array.isArray(list) ? list.filter((x): x is T => isObject(x)) : []
}

/** Returns the cache and queue key of an object: `namespace/name`, or `name` when cluster-scoped. */
export function objectKey(obj: KubeObject): string {
  const { namespace, name } = obj.metadata
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '')
}

/** Returns a time as the API writes metav1.Time: RFC 3339 with whole seconds (`2018-11-24T00:00:00Z`). */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z')
}

/**
 * Returns a deep copy of a JSON value (objects, arrays, primitives; byte arrays are copied whole).
 * Hand-written because the API server copies every object it stores and serves: a plain
 * recursive copy is several times faster than structuredClone on Kubernetes objects.
 */
export function deepCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v
  if (ArrayBuffer.isView(v)) {
    // A copy of the bytes (Buffer#slice would share them), as structuredClone gives.
    const bytes = v as unknown as Uint8Array
    return new Uint8Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    ) as T
  }
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length)
    for (let i = 0; i < v.length; i++) out[i] = deepCopy(v[i] as unknown)
    return out as T
  }
  const src = v as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(src)) {
    const x = deepCopy(src[k])
    // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype instead.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: x,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else out[k] = x
  }
  return out as T
}
