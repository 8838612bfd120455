import { isObject } from '../api/types.js'
import type { LatencySpec } from './types.js'

/**
 * Returns the latency distribution of a `latencyMs` field: a number (fixed), `{min, max}`
 * (uniform) or `{mean, stddev}` (normal, never below 0); undefined when absent. Problems go to `bad`.
 */
export function parseLatency(v: unknown, bad: (message: string) => void): LatencySpec | undefined {
  if (v === undefined) return undefined
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0
  if (ok(v)) return { kind: 'fixed', ms: v }
  if (isObject(v)) {
    const keys = Object.keys(v).sort().join(',')
    if (keys === 'max,min' && ok(v.min) && ok(v.max) && v.min <= v.max)
      return { kind: 'uniform', min: v.min, max: v.max }
    if (keys === 'mean,stddev' && ok(v.mean) && ok(v.stddev))
      return { kind: 'normal', mean: v.mean, stddev: v.stddev }
  }
  bad('must be ms ≥ 0, {min, max} with min ≤ max, or {mean, stddev}')
  return undefined
}

/** Returns one sample of a latency distribution, in ms. */
export function sampleLatency(l: LatencySpec, random: () => number): number {
  if (l.kind === 'fixed') return l.ms
  if (l.kind === 'uniform') return l.min + (l.max - l.min) * random()
  // Box–Muller: one standard normal sample from two uniforms.
  const u = Math.max(random(), Number.EPSILON)
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
  return Math.max(0, l.mean + l.stddev * z)
}

/** Resolves after `ms` wall-clock milliseconds (at once for 0). */
export function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, ms))
}
