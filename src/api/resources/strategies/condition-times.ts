import { isObject, type KubeObject } from '../../types.js'

/**
 * Returns a canonicalize hook that writes each `status.conditions[]` item as the Go type does:
 * its fields in the struct's order (`fields`), and the `metav1.Time` fields (`times`, values, not
 * pointers) as `null` where absent, so a condition sent without one, or patched to null, is stored
 * and served with `null` as 1.11 does. Fields the type does not declare keep their place after.
 */
export function conditionTimes(
  fields: readonly string[],
  times: readonly string[]
): (obj: KubeObject) => void {
  return (obj) => {
    const status = isObject(obj.status) ? obj.status : undefined
    if (!status || !Array.isArray(status.conditions)) return
    status.conditions = status.conditions.map((c: unknown) => {
      if (!isObject(c)) return c
      const out: Record<string, unknown> = {}
      for (const f of fields) {
        if (c[f] !== undefined) out[f] = c[f]
        else if (times.includes(f)) out[f] = null
      }
      for (const [k, v] of Object.entries(c)) if (!(k in out)) out[k] = v
      return out
    })
  }
}
