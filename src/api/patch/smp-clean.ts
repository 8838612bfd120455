import { isObject } from '../types.js'
import { childMeta, itemMeta, smpStrategy, type PatchMeta } from './patch-meta.js'
import { badPatchType } from './smp-errors.js'

/**
 * Returns a patch value that has nothing to merge with (the live object lacks the field) as it
 * ends up stored: directive keys and nulls dropped, `$patch: replace` maps unwrapped,
 * `$patch: delete` maps emptied, special items of merging lists removed.
 *
 * kube-apiserver copies such values verbatim and lets the decode into the Go type drop what is
 * unknown; the lab has no Go types, so it cleans them here.
 */
export function cleanPatchValue(value: unknown, meta: PatchMeta | undefined): unknown {
  if (Array.isArray(value)) {
    const merging = smpStrategy(meta).strategy === 'merge'
    const items = merging
      ? value.filter((i) => !(isObject(i) && Object.hasOwn(i, '$patch')))
      : value
    return items.map((i) => cleanPatchValue(i, itemMeta(meta)))
  }
  if (!isObject(value)) return value
  if (Object.hasOwn(value, '$patch')) {
    if (value.$patch === 'delete') return {}
    if (value.$patch !== 'replace') throw badPatchType(value.$patch, value)
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$') || v === null) continue
    out[k] = cleanPatchValue(v, childMeta(meta, k))
  }
  return out
}
