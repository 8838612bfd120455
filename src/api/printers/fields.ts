/**
 * Tolerant readers for untyped JSON objects: printers must never crash on a missing or
 * mistyped field, they fall back to the zero value Go would see after decoding.
 */

type Key = string | number

/** Returns the value at a path, or undefined when any step is missing or of the wrong shape. */
export function at(v: unknown, ...path: Key[]): unknown {
  let cur = v
  for (const k of path) {
    if (typeof k === 'number') {
      if (!Array.isArray(cur)) return undefined
      cur = cur[k]
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined
      cur = (cur as Record<string, unknown>)[k]
    }
  }
  return cur
}

/** Returns the string at a path, or '' (Go's zero value). */
export function str(v: unknown, ...path: Key[]): string {
  const x = at(v, ...path)
  return typeof x === 'string' ? x : ''
}

/** Returns the number at a path, or 0. */
export function num(v: unknown, ...path: Key[]): number {
  const x = at(v, ...path)
  return typeof x === 'number' && Number.isFinite(x) ? x : 0
}

/** Returns the number at a path, or undefined when it is absent (a Go pointer left nil). */
export function optNum(v: unknown, ...path: Key[]): number | undefined {
  const x = at(v, ...path)
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined
}

/** Returns the boolean at a path, or undefined. */
export function optBool(v: unknown, ...path: Key[]): boolean | undefined {
  const x = at(v, ...path)
  return typeof x === 'boolean' ? x : undefined
}

/** Returns the array at a path, or []. */
export function list(v: unknown, ...path: Key[]): unknown[] {
  const x = at(v, ...path)
  return Array.isArray(x) ? x : []
}

/** Returns the object at a path, or undefined. */
export function rec(v: unknown, ...path: Key[]): Record<string, unknown> | undefined {
  const x = at(v, ...path)
  return typeof x === 'object' && x !== null && !Array.isArray(x)
    ? (x as Record<string, unknown>)
    : undefined
}

/** Returns the string-valued entries of a map at a path (labels, selectors), or {}. */
export function strMap(v: unknown, ...path: Key[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(rec(v, ...path) ?? {})) {
    if (typeof val === 'string') out[k] = val
  }
  return out
}

/** Returns the number of keys of the map at a path (Secret and ConfigMap data), or 0. */
export function mapSize(v: unknown, ...path: Key[]): number {
  return Object.keys(rec(v, ...path) ?? {}).length
}

/** Returns a Quantity or IntOrString as text (numbers print as Go prints integers). */
export function quantity(v: unknown, ...path: Key[]): string | undefined {
  const x = at(v, ...path)
  if (typeof x === 'string') return x
  if (typeof x === 'number' && Number.isFinite(x)) return String(x)
  return undefined
}
