import { isObject, type KubeObject } from '../types.js'

// What kube-apiserver lets a fieldSelector name: the field label conversion funcs
// (pkg/apis/*/v*/conversion.go) decide what is accepted, and ToSelectableFields/GetAttrs
// (pkg/registry/*/strategy.go) what values an object has. Each resource record lists its own.

/** One field a fieldSelector may name, and how an object's value of it reads (always a string). */
export interface SelectableField {
  name: string
  /** The first 1.x minor version that accepts the field (absent: every version). */
  since?: number
  read: (o: KubeObject) => string
  /**
   * Watchers whose selector pins this field to a value are indexed by it, so they hear only
   * the objects with that value (kube-apiserver's TriggerFunc: pods' spec.nodeName).
   */
  trigger?: boolean
}

/** Returns a selectable field read by `read`, accepted from 1.`since` on when given. */
export function field(
  name: string,
  read: (o: KubeObject) => string,
  since?: number
): SelectableField {
  return since === undefined ? { name, read } : { name, read, since }
}

/** Returns the value at a path of an untyped object, or undefined. */
export function fieldAt(o: unknown, ...path: string[]): unknown {
  let cur = o
  for (const p of path) cur = isObject(cur) ? cur[p] : undefined
  return cur
}

/** Returns a value as a field selector sees a string field ('' unless a string). */
export function asString(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** Returns a value as a field selector sees an integer field ('0' unless a number). */
export function asInt(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : '0'
}

/** Returns a value as a field selector sees a boolean field ('false' unless true). */
export function asBool(v: unknown): string {
  return v === true ? 'true' : 'false'
}

const AS = { string: asString, int: asInt, bool: asBool }

/**
 * Returns a selectable field whose value is at its own dotted path (`spec.nodeName`), read as a
 * Go string, integer or boolean field is printed (zero values `''`, `0`, `false`).
 */
export function pathField(
  name: string,
  type: keyof typeof AS = 'string',
  since?: number
): SelectableField {
  const path = name.split('.')
  return field(name, (o) => AS[type](fieldAt(o, ...path)), since)
}

/** Returns a field that also indexes watchers (see SelectableField.trigger). */
export function triggerField(f: SelectableField): SelectableField {
  return { ...f, trigger: true }
}

/** `metadata.name`, selectable on every resource. */
export const NAME_FIELD: SelectableField = field('metadata.name', (o) => o.metadata.name ?? '')

/** `metadata.name` and `metadata.namespace`: what every resource without its own list accepts. */
export const OBJECT_META_FIELDS: readonly SelectableField[] = [
  NAME_FIELD,
  field('metadata.namespace', (o) => o.metadata.namespace ?? ''),
]

/** Returns the field labels of a list that a server of 1.`minor` accepts (absent: all). */
export function fieldLabels(
  fields: readonly SelectableField[] = OBJECT_META_FIELDS,
  minor?: number
): string[] {
  return fields
    .filter((f) => minor === undefined || f.since === undefined || minor >= f.since)
    .map((f) => f.name)
}

/** Returns the field set an object exposes to field selectors (every value a string). */
export function fieldValues(
  fields: readonly SelectableField[] | undefined,
  obj: KubeObject
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of [...OBJECT_META_FIELDS, ...(fields ?? [])]) out[f.name] = f.read(obj)
  return out
}
