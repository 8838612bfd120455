/**
 * A parser for the subset of PromQL the Istio 1.0 dashboards and servicegraph use: selectors with
 * matchers and ranges, `sum|avg|min|max|count [by|without (…)]`, `rate`, `irate`, `increase`,
 * `round`, `histogram_quantile`, `label_join`, arithmetic and comparison operators.
 */

/** One label matcher. */
export interface Matcher {
  name: string
  op: '=' | '!=' | '=~' | '!~'
  value: string
}

/** A parsed PromQL expression. */
export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'selector'; metric: string; matchers: Matcher[]; rangeMs?: number }
  | { kind: 'call'; fn: string; args: Expr[] }
  | { kind: 'aggregate'; op: string; by?: string[]; without?: string[]; expr: Expr }
  | { kind: 'binary'; op: string; lhs: Expr; rhs: Expr }

const aggregations = new Set(['sum', 'avg', 'min', 'max', 'count'])
const tokenRe =
  /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([a-zA-Z_:][\w:]*)|(=~|!~|!=|==|>=|<=|[-+*/(){}[\],=<>]))/y

/** Parses a Prometheus duration (`5m`, `30s`, `1h`) into ms; throws on anything else. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d|w|y)$/.exec(text)
  if (!m) throw new Error(`not a valid duration string: "${text}"`)
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, y: 31536e6 }[m[2] as 'ms']
  return Number(m[1]) * unit
}

function tokenize(src: string): string[] {
  const out: string[] = []
  tokenRe.lastIndex = 0
  let pos = 0
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break
    tokenRe.lastIndex = pos
    const m = tokenRe.exec(src)
    if (!m)
      throw new Error(`parse error at char ${pos + 1}: unexpected "${src.slice(pos, pos + 10)}"`)
    out.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string)
    pos = tokenRe.lastIndex
  }
  return out
}

const unquote = (t: string): string => t.slice(1, -1).replace(/\\(.)/g, '$1')

/** Parses a PromQL expression of the supported subset; throws naming the offending token. */
export function parsePromQL(src: string): Expr {
  const toks = tokenize(src)
  let i = 0
  const peek = (): string | undefined => toks[i]
  const take = (want?: string): string => {
    const t = toks[i++]
    if (t === undefined || (want !== undefined && t !== want))
      throw new Error(
        `parse error in "${src}": expected ${want ?? 'a token'}, got ${t ?? 'end of input'}`
      )
    return t
  }
  // A parenthesised, comma-separated list: `by (a, b)`, a call's arguments.
  const parenList = <T>(item: () => T): T[] => {
    take('(')
    const items: T[] = []
    while (peek() !== ')') {
      items.push(item())
      if (peek() === ',') take(',')
    }
    take(')')
    return items
  }
  const labelList = (): string[] => parenList(() => take())
  const binary = (ops: string[], next: () => Expr) => (): Expr => {
    let lhs = next()
    while (ops.includes(peek() ?? '')) {
      const op = take()
      lhs = { kind: 'binary', op, lhs, rhs: next() }
    }
    return lhs
  }
  const primary = (): Expr => {
    const t = take()
    if (t === '(') {
      const e = expr()
      take(')')
      return e
    }
    if (/^\d/.test(t)) return { kind: 'number', value: Number(t) }
    if (t === '-')
      return { kind: 'binary', op: '*', lhs: { kind: 'number', value: -1 }, rhs: primary() }
    if (/^["']/.test(t)) return { kind: 'string', value: unquote(t) }
    if (aggregations.has(t)) {
      const mod = (): Partial<{ by: string[]; without: string[] }> =>
        peek() === 'by'
          ? (take(), { by: labelList() })
          : peek() === 'without'
            ? (take(), { without: labelList() })
            : {}
      const before = mod()
      take('(')
      const inner = expr()
      take(')')
      return { kind: 'aggregate', op: t, ...before, ...mod(), expr: inner }
    }
    if (peek() === '(') return { kind: 'call', fn: t, args: parenList(expr) }
    const matchers: Matcher[] = []
    if (peek() === '{') {
      take('{')
      while (peek() !== '}') {
        const name = take()
        const op = take() as Matcher['op']
        if (!['=', '!=', '=~', '!~'].includes(op))
          throw new Error(`parse error in "${src}": bad matcher operator ${op}`)
        matchers.push({ name, op, value: unquote(take()) })
        if (peek() === ',') take(',')
      }
      take('}')
    }
    let rangeMs: number | undefined
    if (peek() === '[') {
      take('[')
      const n = take()
      const unit = take()
      rangeMs = parseDuration(n + unit)
      take(']')
    }
    return { kind: 'selector', metric: t, matchers, rangeMs }
  }
  const mul = binary(['*', '/'], primary)
  const add = binary(['+', '-'], mul)
  const expr = binary(['>', '<', '>=', '<=', '==', '!='], add)
  const e = expr()
  if (i !== toks.length) throw new Error(`parse error in "${src}": unexpected ${toks[i]}`)
  return e
}
