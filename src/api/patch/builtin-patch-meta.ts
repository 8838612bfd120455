import { builtinRecordOfKind, isBuiltinGroup } from '../resources/builtin-record-lookup.js'
import { parseApiVersion } from '../types.js'
import { rootMeta, type PatchMeta } from './patch-meta.js'

// Each built-in resource record holds its kind's patchStrategy/patchMergeKey tags (`patchMeta`);
// a kind without tagged fields of its own has only ObjectMeta's.
const PLAIN = rootMeta()

/**
 * Returns the patch metadata of a built-in type (its resource record's), or undefined for a type
 * kube-apiserver does not compile in (custom resources). For undefined, the server must answer a
 * strategic merge patch with `smpUnsupported()`: 415 UnsupportedMediaType, `the body of the
 * request was in an unknown format - accepted media types include: application/json-patch+json,
 * application/merge-patch+json, application/apply-patch+yaml`. The decision is by API group (a
 * group with a built-in record), so a server that knows better (its served ResourceInfo, whose
 * `patchMeta` is absent for custom resources) decides itself.
 */
export function patchMetaFor(apiVersion: string, kind: string): PatchMeta | undefined {
  const { group } = parseApiVersion(apiVersion)
  if (!isBuiltinGroup(group)) return undefined
  return builtinRecordOfKind(group, kind)?.patchMeta ?? PLAIN
}
