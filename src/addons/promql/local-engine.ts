/**
 * Evaluates the supported PromQL subset against the lab's telemetry store at an instant, returning
 * what Prometheus's `/api/v1/query` returns. Rates come from the observations in the window
 * (`increase / window`); `irate` is treated as `rate` over the same window (the store has no
 * scrape samples to take the last two of).
 */
import type { TelemetryStore } from '../telemetry/telemetry-store.js'
import { parsePromQL, type Expr, type Matcher } from './promql-parser.js'
import { increases, instantSamples, keyOf, type Sample } from './store-series.js'

type Value =
  | { kind: 'scalar'; value: number }
  | { kind: 'vector'; samples: Sample[] }
  | { kind: 'string'; value: string }

const matches = (labels: Record<string, string>, ms: Matcher[]): boolean =>
  ms.every((m) => {
    const v = labels[m.name] ?? ''
    if (m.op === '=') return v === m.value
    if (m.op === '!=') return v !== m.value
    const re = new RegExp(`^(?:${m.value})$`)
    return m.op === '=~' ? re.test(v) : !re.test(v)
  })

const withoutName = (l: Record<string, string>): Record<string, string> => {
  const { __name__: _drop, ...rest } = l
  return rest
}

/** Returns a bucket-interpolated quantile, as Prometheus's histogram_quantile computes it. */
export function bucketQuantile(q: number, buckets: { le: number; count: number }[]): number {
  const bs = [...buckets].sort((a, b) => a.le - b.le)
  const total = bs.at(-1)?.count ?? 0
  if (bs.length < 2 || bs.at(-1)?.le !== Infinity || total === 0) return NaN
  const rank = q * total
  let i = bs.findIndex((b) => b.count >= rank)
  if (i === bs.length - 1) return bs[bs.length - 2]?.le ?? NaN
  if (i < 0) i = 0
  const b = bs[i] as { le: number; count: number }
  const start = i === 0 ? 0 : (bs[i - 1]?.le ?? 0)
  const below = i === 0 ? 0 : (bs[i - 1]?.count ?? 0)
  if (i === 0 && b.le <= 0) return b.le
  return start + ((b.le - start) * (rank - below)) / (b.count - below)
}

/** Evaluates PromQL on the store at `atMs`; throws on unsupported or invalid queries. */
export function evaluateLocal(
  store: TelemetryStore,
  query: string,
  atMs: number
): Sample[] | number {
  const v = evalExpr(store, parsePromQL(query), atMs)
  if (v.kind === 'string') throw new Error('a string is not a valid query result')
  return v.kind === 'scalar' ? v.value : v.samples
}

function vector(v: Value, what: string): Sample[] {
  if (v.kind !== 'vector') throw new Error(`expected an instant vector in ${what}`)
  return v.samples
}

function evalExpr(store: TelemetryStore, e: Expr, atMs: number): Value {
  switch (e.kind) {
    case 'number':
      return { kind: 'scalar', value: e.value }
    case 'string':
      return { kind: 'string', value: e.value }
    case 'selector': {
      if (e.rangeMs !== undefined)
        throw new Error('a range vector must be the argument of rate, irate or increase')
      return {
        kind: 'vector',
        samples: instantSamples(store, e.metric).filter((s) => matches(s.labels, e.matchers)),
      }
    }
    case 'call':
      return evalCall(store, e.fn, e.args, atMs)
    case 'aggregate':
      return {
        kind: 'vector',
        samples: aggregate(e.op, e.by, e.without, vector(evalExpr(store, e.expr, atMs), e.op)),
      }
    case 'binary':
      return binaryOp(e.op, evalExpr(store, e.lhs, atMs), evalExpr(store, e.rhs, atMs))
  }
}

function evalCall(store: TelemetryStore, fn: string, args: Expr[], atMs: number): Value {
  if (fn === 'rate' || fn === 'irate' || fn === 'increase') {
    const sel = args[0]
    if (sel?.kind !== 'selector' || sel.rangeMs === undefined)
      throw new Error(`${fn}() needs a range vector`)
    const inc = increases(store, sel.metric, atMs - sel.rangeMs, atMs).filter((s) =>
      matches(s.labels, sel.matchers)
    )
    const div = fn === 'increase' ? 1 : sel.rangeMs / 1000
    return {
      kind: 'vector',
      samples: inc.map((s) => ({ labels: withoutName(s.labels), value: s.value / div })),
    }
  }
  const [a0, a1, ...rest] = args.map((a) => evalExpr(store, a, atMs))
  if (fn === 'round') {
    const to = a1?.kind === 'scalar' ? a1.value : 1
    const samples = vector(a0 as Value, fn).map((s) => ({
      labels: withoutName(s.labels),
      value: Math.floor(s.value / to + 0.5) * to,
    }))
    return { kind: 'vector', samples }
  }
  if (fn === 'histogram_quantile') {
    if (a0?.kind !== 'scalar') throw new Error('histogram_quantile() needs a scalar quantile')
    const groups = new Map<
      string,
      { labels: Record<string, string>; buckets: { le: number; count: number }[] }
    >()
    for (const s of vector(a1 as Value, fn)) {
      const { le, ...labels } = withoutName(s.labels)
      if (le === undefined) continue
      const g = groups.get(keyOf(labels)) ?? { labels, buckets: [] }
      g.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: s.value })
      groups.set(keyOf(labels), g)
    }
    return {
      kind: 'vector',
      samples: [...groups.values()].map((g) => ({
        labels: g.labels,
        value: bucketQuantile(a0.value, g.buckets),
      })),
    }
  }
  if (fn === 'label_join') {
    const strs = [a1, ...rest].map((v) => (v?.kind === 'string' ? v.value : ''))
    const [dst = '', sep = '', ...srcs] = strs
    const samples = vector(a0 as Value, fn).map((s) => ({
      labels: { ...s.labels, [dst]: srcs.map((n) => s.labels[n] ?? '').join(sep) },
      value: s.value,
    }))
    return { kind: 'vector', samples }
  }
  throw new Error(`unsupported function ${fn}() in the lab's query engine`)
}

function aggregate(
  op: string,
  by: string[] | undefined,
  without: string[] | undefined,
  samples: Sample[]
): Sample[] {
  const groups = new Map<string, { labels: Record<string, string>; values: number[] }>()
  for (const s of samples) {
    const base = withoutName(s.labels)
    const labels = by
      ? Object.fromEntries(
          by.filter((n) => base[n] !== undefined).map((n) => [n, base[n] as string])
        )
      : without
        ? Object.fromEntries(Object.entries(base).filter(([k]) => !without.includes(k)))
        : {}
    const k = keyOf(labels)
    const g = groups.get(k) ?? { labels, values: [] }
    g.values.push(s.value)
    groups.set(k, g)
  }
  const reduce = (vs: number[]): number => {
    const sum = vs.reduce((a, b) => a + b, 0)
    if (op === 'sum') return sum
    if (op === 'avg') return sum / vs.length
    if (op === 'count') return vs.length
    return op === 'min' ? Math.min(...vs) : Math.max(...vs)
  }
  return [...groups.values()].map((g) => ({ labels: g.labels, value: reduce(g.values) }))
}

const arith: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
}
const compare: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
}

function binaryOp(op: string, l: Value, r: Value): Value {
  const num = (a: number, b: number): number | undefined => {
    if (arith[op]) return arith[op](a, b)
    return compare[op]?.(a, b) ? a : undefined
  }
  if (l.kind === 'scalar' && r.kind === 'scalar')
    return { kind: 'scalar', value: num(l.value, r.value) ?? NaN }
  const pick = (s: Sample, a: number, b: number): Sample[] => {
    const v = num(a, b)
    return v === undefined ? [] : [{ labels: withoutName(s.labels), value: v }]
  }
  if (l.kind === 'vector' && r.kind === 'scalar')
    return { kind: 'vector', samples: l.samples.flatMap((s) => pick(s, s.value, r.value)) }
  if (l.kind === 'scalar' && r.kind === 'vector')
    return { kind: 'vector', samples: r.samples.flatMap((s) => pick(s, l.value, s.value)) }
  const rhs = new Map(vector(r, op).map((s) => [keyOf(withoutName(s.labels)), s.value]))
  const samples = vector(l, op).flatMap((s) => {
    const b = rhs.get(keyOf(withoutName(s.labels)))
    return b === undefined ? [] : pick(s, s.value, b)
  })
  return { kind: 'vector', samples }
}
