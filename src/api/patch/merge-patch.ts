import { badRequest } from '../errors.js'
import { isObject } from '../types.js'

/**
 * Returns `doc` with an RFC 7386 JSON merge patch applied (the input is not modified): objects
 * merge key by key, `null` deletes a key, anything else (arrays included) replaces. The result's
 * objects along the patched paths are new; what the patch leaves alone is `doc`'s own, shared.
 *
 * Follows evanphx/json-patch v4 as kube-apiserver uses it: nulls nested in an added value are
 * dropped too, and a patch that is not an object (null, a scalar, an array) is answered with
 * 400 `Invalid JSON Patch`. (For an array kube-apiserver fails later, decoding the result into
 * the object's type, with a 422 whose text names Go types; the lab keeps the 400.)
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (!isObject(patch)) throw badRequest('Invalid JSON Patch')
  if (!isObject(doc)) return pruneNulls(patch)
  return mergeInto(doc, patch)
}

/** Returns a new object: `source`'s members (shared) with `patch` merged in. */
function mergeInto(
  source: Record<string, unknown>,
  patch: Record<string, unknown>
): Record<string, unknown> {
  const target = { ...source }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      Reflect.deleteProperty(target, key)
    } else if (isObject(value) && isObject(target[key])) {
      target[key] = mergeInto(target[key], value)
    } else {
      target[key] = pruneNulls(value)
    }
  }
  return target
}

/** Returns a copy of a value without the null members of its objects (array items are kept). */
function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneNulls)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = pruneNulls(v)
  return out
}
