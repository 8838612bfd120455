import { builtinRecord, builtinRecordsNamed } from '../resources/builtin-record-lookup.js'
import type { KubeObject } from '../types.js'
import { fieldLabels, fieldValues, type SelectableField } from './selectable-field.js'

// Lookups by name over the resource records, for callers without a served ResourceInfo (whose
// `fields` is its record's): the server itself uses fieldLabels/fieldValues of `info.fields`.

/** Which API a field question is about: the resource's group and the server's 1.x minor version. */
export interface FieldScope {
  group?: string
  /** Kubernetes 1.x minor version; fields added later are not supported. Default: all fields. */
  minor?: number
}

/**
 * Returns the selectable fields of a built-in resource: its record's in the group; when the group
 * serves no such resource, those of the only record of that name (several: the generic ones).
 */
function fieldsNamed(resource: string, group: string): readonly SelectableField[] | undefined {
  const own = builtinRecord(group, resource)
  if (own) return own.fields
  const named = builtinRecordsNamed(resource)
  return named.length === 1 ? named[0]!.fields : undefined
}

/** Returns the field labels kube-apiserver accepts in a fieldSelector for a resource (plural name). */
export function supportedFields(resource: string, scope: FieldScope = {}): string[] {
  return fieldLabels(fieldsNamed(resource, scope.group ?? ''), scope.minor)
}

/** Returns a predicate for parseFieldSelector that accepts the supported fields of a resource. */
export function fieldSupport(resource: string, scope: FieldScope = {}): (field: string) => boolean {
  const names = new Set(supportedFields(resource, scope))
  return (f) => names.has(f)
}

/** Returns the field set an object exposes to field selectors (every value a string). */
export function fieldsOf(resource: string, obj: KubeObject, group = ''): Record<string, string> {
  return fieldValues(fieldsNamed(resource, group), obj)
}
