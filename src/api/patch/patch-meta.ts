import type { JsonObject, JsonValue } from '../types.js'

/**
 * What the patch code needs to know about one field of a type: the struct tags kube-apiserver reads
 * for strategic merge patch (`patchStrategy`, `patchMergeKey`) and the OpenAPI extensions
 * server-side apply reads (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`,
 * `x-kubernetes-map-type`). The root node describes a whole object.
 */
export interface PatchMeta {
  /** SMP strategy tag: `merge`, `replace`, `retainKeys` or `merge,retainKeys`. */
  patchStrategy?: string
  /** SMP merge key of a list of objects (`name`, `containerPort`, …). */
  patchMergeKey?: string
  /** SSA list type, when it differs from what the SMP tags imply. */
  listType?: ListType
  /** SSA list-map keys, when they differ from `[patchMergeKey]` (ports: containerPort + protocol). */
  listMapKeys?: string[]
  /** Defaults of list-map keys an item may omit (`protocol: TCP`). */
  keyDefaults?: Record<string, JsonValue>
  /** `atomic` for objects that SSA owns and replaces as a whole (LabelSelector, Service selector). */
  mapType?: 'atomic'
  /** Metadata of the fields of this value; for a list, of the fields of each item. */
  fields?: Record<string, PatchMeta>
  /** Root only: the object a typed Go zero value serializes to (nodes that exist before a create). */
  zero?: JsonObject
}

/** How server-side apply treats a list: replaced whole, a set of scalars, or a map keyed by fields. */
export type ListType = 'atomic' | 'set' | 'map'

/** Returns the metadata of a field of an object described by `meta`. */
export function childMeta(meta: PatchMeta | undefined, field: string): PatchMeta | undefined {
  return meta?.fields?.[field]
}

/** Returns the metadata of each item of a list described by `meta`. */
export function itemMeta(meta: PatchMeta | undefined): PatchMeta | undefined {
  return meta?.fields ? { fields: meta.fields } : undefined
}

/** Returns the SMP strategy (`merge`, `replace` or '') and whether `retainKeys` is set. */
export function smpStrategy(meta: PatchMeta | undefined): {
  strategy: string
  retainKeys: boolean
} {
  const tag = meta?.patchStrategy ?? ''
  let parsed = strategies.get(tag)
  if (parsed === undefined) {
    const parts = tag.split(',').filter((p) => p !== '')
    const retainKeys = parts.includes('retainKeys')
    const strategy = parts.find((p) => p !== 'retainKeys') ?? ''
    // Tags come from the types' metadata (a handful), never from requests.
    if (strategies.size < 100) strategies.set(tag, (parsed = { strategy, retainKeys }))
    else return { strategy, retainKeys }
  }
  // A copy: callers may keep or change what they get.
  return { strategy: parsed.strategy, retainKeys: parsed.retainKeys }
}

// Each patchStrategy tag parsed once.
const strategies = new Map<string, { strategy: string; retainKeys: boolean }>()

/** Returns how server-side apply treats a list field (schemaconv's rule: tags, else SMP strategy). */
export function listTypeOf(meta: PatchMeta | undefined): ListType {
  if (meta?.listType) return meta.listType
  if (smpStrategy(meta).strategy !== 'merge') return 'atomic'
  return meta?.patchMergeKey ? 'map' : 'set'
}

/** Returns the SSA keys of a `map` list. */
export function listKeysOf(meta: PatchMeta | undefined): string[] {
  if (meta?.listMapKeys) return meta.listMapKeys
  return meta?.patchMergeKey ? [meta.patchMergeKey] : []
}

/** The metadata of each field of a type, by field name. */
export type PatchMetaFields = Record<string, PatchMeta>

/** Returns the metadata of a list merged by a key (`patchStrategy:"merge" patchMergeKey:"…"`). */
export function mergeBy(key: string, fields?: PatchMetaFields): PatchMeta {
  return { patchStrategy: 'merge', patchMergeKey: key, ...(fields ? { fields } : {}) }
}

/** A map that server-side apply owns whole (`+mapType=atomic`: LabelSelector, Service selector). */
export const ATOMIC_MAP: PatchMeta = { mapType: 'atomic' }

/** The metadata of a conditions list merged by `type`, as every status has it. */
export const CONDITIONS: PatchMeta = mergeBy('type')

/** The metadata of metav1.ObjectMeta (finalizers a set, ownerReferences merged by uid). */
export const OBJECT_META: PatchMeta = {
  fields: { finalizers: { patchStrategy: 'merge' }, ownerReferences: mergeBy('uid') },
}

/**
 * Returns the root metadata of a built-in kind: ObjectMeta plus the given top-level fields, and
 * the object its typed Go zero value serializes to (`metadata.creationTimestamp: null` plus `zero`).
 */
export function rootMeta(rest: PatchMetaFields = {}, zero: JsonObject = {}): PatchMeta {
  return {
    fields: { metadata: OBJECT_META, ...rest },
    zero: { metadata: { creationTimestamp: null }, ...zero },
  }
}
