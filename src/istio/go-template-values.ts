/**
 * How Go's `text/template` sees JavaScript values: truth, printing, comparison, and the builtin
 * functions. Missing struct fields read as `undefined` and behave like Go zero values.
 */

/** A template function. */
export type TemplateFunc = (...args: unknown[]) => unknown

/** A Go enum value: prints and compares by name, is "false" when its number is 0 (like Go). */
export class GoEnum {
  readonly name: string
  readonly value: number

  constructor(name: string, value: number) {
    this.name = name
    this.value = value
  }

  /** Returns the enum name, as the generated protobuf `String()` method does. */
  String(): string {
    return this.name
  }

  /** Returns the enum name. */
  toString(): string {
    return this.name
  }
}

/** Returns Go's template truth of a value: false for zero values, empty strings/slices/maps. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'string') return v !== ''
  if (Array.isArray(v)) return v.length > 0
  if (v instanceof GoEnum) return v.value !== 0
  if (typeof v === 'function') return true
  return Object.keys(v as object).length > 0
}

/** Returns a value printed as `fmt.Sprint` does for the kinds the templates use. */
export function printValue(v: unknown): string {
  if (v === undefined) return '' // a missing struct field prints as its zero value
  if (v === null) return '<nil>'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof GoEnum) return v.name
  if (Array.isArray(v)) return `[${v.map(printValue).join(' ')}]`
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>
    return `map[${Object.keys(m)
      .sort()
      .map((k) => `${k}:${printValue(m[k])}`)
      .join(' ')}]`
  }
  return String(v)
}

/** Returns a comparable basic value, or throws for kinds `eq` cannot compare. */
function basic(v: unknown, other: unknown): string | number | boolean | null {
  if (v instanceof GoEnum) return v.name
  if (v === undefined) {
    // Zero value of the other side's kind, as a missing Go struct field would be.
    if (typeof other === 'number') return 0
    if (typeof other === 'boolean') return false
    return ''
  }
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return v
  throw new Error('invalid type for comparison')
}

/** Returns Go's `eq a b c…`: true when a equals any of the others. */
function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison')
  return others.some((b) => {
    const x = basic(a, b)
    const y = basic(b, a)
    if (typeof x !== typeof y) throw new Error('incompatible types for comparison')
    return x === y
  })
}

/** Returns the ordering of two basic values for lt/le/gt/ge. */
function compare(a: unknown, b: unknown): number {
  const x = basic(a, b)
  const y = basic(b, a)
  if (typeof x !== typeof y || x === null || typeof x === 'boolean')
    throw new Error('incompatible types for comparison')
  return x < y! ? -1 : x === y ? 0 : 1
}

/** Returns `index m k…`: map keys or slice indices; a missing map key gives the zero value "". */
function index(v: unknown, ...keys: unknown[]): unknown {
  let cur = v
  for (const k of keys) {
    if (Array.isArray(cur)) {
      if (typeof k !== 'number' || k < 0 || k >= cur.length)
        throw new Error(`error calling index: index out of range: ${String(k)}`)
      cur = cur[k]
    } else if (cur === undefined || cur === null) {
      cur = '' // indexing a nil map[string]string yields its zero value
    } else if (typeof cur === 'object') {
      const m = cur as Record<string, unknown>
      cur = Object.prototype.hasOwnProperty.call(m, String(k)) ? m[String(k)] : ''
    } else {
      throw new Error(`error calling index: can't index item of type ${typeof cur}`)
    }
  }
  return cur
}

/** Returns Go's `printf` for the verbs the templates use: %s %v %d %q %%. */
function printf(format: unknown, ...args: unknown[]): string {
  let i = 0
  return String(format).replace(/%([svdq%])/g, (_m, verb: string) => {
    if (verb === '%') return '%'
    if (i >= args.length) return `%!${verb}(MISSING)`
    const a = args[i++]
    return verb === 'q' ? JSON.stringify(printValue(a)) : printValue(a)
  })
}

/** The builtin functions of Go's text/template that the lab supports. */
export const BUILTIN_FUNCS: Readonly<Record<string, TemplateFunc>> = {
  and: (...a) => a.find((v) => !isTrue(v)) ?? a.at(-1),
  or: (...a) => a.find((v) => isTrue(v)) ?? a.at(-1),
  not: (v) => !isTrue(v),
  eq,
  ne: (a, b) => !eq(a, b),
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  index,
  len: (v) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length
    if (v && typeof v === 'object') return Object.keys(v).length
    throw new Error(`error calling len: len of type ${typeof v}`)
  },
  print: (...a) => a.map(printValue).join(''),
  printf,
  println: (...a) => `${a.map(printValue).join(' ')}\n`,
}
