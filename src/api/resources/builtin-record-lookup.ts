import { BUILTIN_RECORDS } from './builtin-records.js'
import type { ResourceRecord } from './resource-record.js'

/**
 * Lookups over the built-in records for code that has names rather than a served ResourceInfo
 * (tests, defaults of library functions). The server itself reads what it needs from the
 * ResourceInfo of a request, which carries its record's printer, patch metadata and fields.
 */

/** Returns the built-in record of a group (`''` for core) and plural resource, if any. */
export function builtinRecord(group: string, resource: string): ResourceRecord | undefined {
  return BUILTIN_RECORDS.find((r) => r.group === group && r.resource === resource)
}

/** Returns the built-in record of a group and kind, if any. */
export function builtinRecordOfKind(group: string, kind: string): ResourceRecord | undefined {
  return BUILTIN_RECORDS.find((r) => r.group === group && r.kind === kind)
}

/** Returns every built-in record of a plural resource, whatever its group. */
export function builtinRecordsNamed(resource: string): ResourceRecord[] {
  return BUILTIN_RECORDS.filter((r) => r.resource === resource)
}

/** Returns true when a group's types are compiled into kube-apiserver (a record has the group). */
export function isBuiltinGroup(group: string): boolean {
  return BUILTIN_RECORDS.some((r) => r.group === group)
}
