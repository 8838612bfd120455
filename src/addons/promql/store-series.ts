/**
 * The telemetry store seen as Prometheus would scrape it: instant samples of every exposed series
 * (`_bucket` with `le`, `_sum`, `_count`), and the increase of each series over a time window
 * computed from the store's observations.
 */
import { goFloat } from '../telemetry/go-float.js'
import type { MetricDef } from '../telemetry/istio-metrics.js'
import type { TelemetryStore } from '../telemetry/telemetry-store.js'

/** One sample: labels (with `__name__`) and a value. */
export interface Sample {
  labels: Record<string, string>
  value: number
}

const named = (
  name: string,
  labels: Record<string, string>,
  extra: Record<string, string> = {}
) => ({
  __name__: name,
  ...labels,
  ...extra,
})

/** Returns the names a metric is exposed under (`x` or `x_bucket`, `x_sum`, `x_count`). */
export function exposedNames(def: MetricDef): string[] {
  return def.kind === 'counter'
    ? [def.name]
    : [`${def.name}_bucket`, `${def.name}_sum`, `${def.name}_count`]
}

/** Expands one value of a metric into its exposed samples (one per bucket for a histogram). */
function expand(
  def: MetricDef,
  labels: Record<string, string>,
  v: number,
  sum: number,
  buckets: number[]
): Sample[] {
  if (def.kind === 'counter') return [{ labels: named(def.name, labels), value: v }]
  const out: Sample[] = (def.buckets ?? []).map((b, i) => ({
    labels: named(`${def.name}_bucket`, labels, { le: goFloat(b) }),
    value: buckets[i] ?? 0,
  }))
  out.push({ labels: named(`${def.name}_bucket`, labels, { le: '+Inf' }), value: v })
  out.push({ labels: named(`${def.name}_sum`, labels), value: sum })
  out.push({ labels: named(`${def.name}_count`, labels), value: v })
  return out
}

/** Returns the identity of a label set: `k=v` pairs sorted by key, comma-joined. */
export const keyOf = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',')

/** Returns the current cumulative samples of every series whose exposed name is `name`. */
export function instantSamples(store: TelemetryStore, name: string): Sample[] {
  const out: Sample[] = []
  for (const { def, series } of store.families()) {
    if (!exposedNames(def).includes(name)) continue
    for (const s of series)
      out.push(
        ...expand(def, s.labels, s.count, s.sum, s.buckets).filter(
          (x) => x.labels.__name__ === name
        )
      )
  }
  return out
}

/**
 * Returns, per series named `name`, how much it grew in (`fromMs`, `toMs`]. Series that exist but
 * did not grow are included with 0, as Prometheus keeps returning a scraped series.
 */
export function increases(
  store: TelemetryStore,
  name: string,
  fromMs: number,
  toMs: number
): Sample[] {
  const byKey = new Map<string, Sample>()
  for (const s of instantSamples(store, name))
    byKey.set(keyOf(s.labels), { labels: s.labels, value: 0 })
  const defs = store
    .families()
    .map((f) => f.def)
    .filter((d) => exposedNames(d).includes(name))
  for (const o of store.observationsIn(fromMs, toMs)) {
    for (const def of defs) {
      const v = o.values[def.name]
      if (v === undefined) continue
      const labels = Object.fromEntries(def.labels.map((n) => [n, o.labels[n] ?? 'unknown']))
      const bucketHits = (def.buckets ?? []).map((b) => (v <= b ? 1 : 0))
      const samples =
        def.kind === 'counter'
          ? expand(def, labels, v, v, [])
          : expand(def, labels, 1, v, bucketHits)
      for (const s of samples) {
        if (s.labels.__name__ !== name) continue
        const k = keyOf(s.labels)
        const cur = byKey.get(k)
        if (cur) cur.value += s.value
        else byKey.set(k, { labels: s.labels, value: s.value })
      }
    }
  }
  return [...byKey.values()]
}
