/**
 * Returns true when `JSON.stringify(a) === JSON.stringify(b)`, without writing either: object
 * keys compared in order, keys whose value JSON leaves out (undefined, functions, symbols)
 * skipped, those values as `null` in arrays, non-finite numbers as `null`. A value both share
 * is equal at once, so comparing two versions of a stored object costs what changed between
 * them, not their size.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const x = leafOf(a)
  const y = leafOf(b)
  if (x === TO_JSON || y === TO_JSON) return sameText(a, b)
  if (x !== OBJECT || y !== OBJECT) return x === y
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bs = b as unknown[]
    if (a.length !== bs.length) return false
    for (let i = 0; i < a.length; i++) if (!sameItem(a[i], bs[i])) return false
    return true
  }
  return sameObject(a as Record<string, unknown>, b as Record<string, unknown>)
}

// What a value is to JSON.stringify: a primitive it writes as is, an object or array it walks,
// one it leaves out, or one with a toJSON (compared by its text).
const OBJECT = Symbol('object')
const OMITTED = Symbol('omitted')
const TO_JSON = Symbol('toJSON')

function leafOf(v: unknown): unknown {
  switch (typeof v) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMITTED
    case 'number':
      return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null
    case 'object':
      if (v === null) return null
      return typeof (v as { toJSON?: unknown }).toJSON === 'function' ? TO_JSON : OBJECT
    default:
      return v
  }
}

function sameText(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** An array item: a value JSON leaves out is written `null` there. */
function sameItem(a: unknown, b: unknown): boolean {
  const x = leafOf(a) === OMITTED ? null : a
  const y = leafOf(b) === OMITTED ? null : b
  return sameJson(x, y)
}

function sameObject(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  let i = 0
  let j = 0
  for (;;) {
    while (i < ka.length && leafOf(a[ka[i]!]) === OMITTED) i++
    while (j < kb.length && leafOf(b[kb[j]!]) === OMITTED) j++
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length
    const k = ka[i]!
    if (k !== kb[j] || !sameJson(a[k], b[k])) return false
    i++
    j++
  }
}
