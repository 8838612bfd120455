/**
 * The lab's telemetry store (what Mixer's Prometheus adapter holds): cumulative series of Istio
 * 1.0's metrics, plus a bounded window of recent observations so rates can be computed without a
 * Prometheus (the dashboards' and the service graph's fallback).
 */
import type { RequestReport } from '../mesh-types.js'
import {
  httpLabelNames,
  istioMetrics,
  metricMatches,
  reportLabelKey,
  reportLabels,
  type MetricDef,
} from './istio-metrics.js'

/** One labelled series of one metric, cumulative since the store started. */
export interface Series {
  labels: Record<string, string>
  /** Counter value, or the histogram's `_count`. */
  count: number
  /** Counter value, or the histogram's `_sum`. */
  sum: number
  /** Histogram only: cumulative count per finite bound (same order as the metric's buckets). */
  buckets: number[]
}

/** One report as observed, kept for rate queries. */
export interface Observation {
  /** When Mixer received it (request end), ms since the epoch. */
  atMs: number
  /** All 17 HTTP labels (TCP metrics read their 15). */
  labels: Record<string, string>
  /** Value per metric name (1 for the request counter). */
  values: Record<string, number>
}

/**
 * A TelemetryStore's content as plain data (a lab snapshot): the series of each metric by key,
 * the distinct label sets once, and each kept observation as [atMs, label set, values].
 */
export interface TelemetryDump {
  reportsReceived: number
  series: Record<string, [string, Series][]>
  labelSets: Record<string, string>[]
  observations: [number, number, Record<string, number>][]
}

/** Options of a TelemetryStore. */
export interface TelemetryStoreOptions {
  /** How long observations are kept for rate queries (default 1 h). */
  retentionMs?: number
  /** Cap on kept observations (default 200,000); the oldest go first. */
  maxObservations?: number
}

const keyOf = (labels: Record<string, string>, names: readonly string[]): string =>
  names.map((n) => labels[n]).join('\u0000')

/** Holds Istio's metrics computed from RequestReports. */
export class TelemetryStore {
  private readonly series = new Map<string, Map<string, Series>>()
  /** One shared label object per distinct label set (observations point at it). */
  private readonly interned = new Map<string, Record<string, string>>()
  private observations: Observation[] = []
  private readonly retentionMs: number
  private readonly maxObservations: number
  /** Reports received (Mixer's Report calls, one per report here). */
  reportsReceived = 0

  constructor(opts: TelemetryStoreOptions = {}) {
    this.retentionMs = opts.retentionMs ?? 3_600_000
    this.maxObservations = opts.maxObservations ?? 200_000
    for (const m of istioMetrics) this.series.set(m.name, new Map())
  }

  /** Records one report in every metric whose rule matches it. */
  ingest(r: RequestReport): void {
    this.reportsReceived++
    const allKey = reportLabelKey(r)
    let labels = this.interned.get(allKey)
    if (!labels) {
      labels = reportLabels(r)
      this.interned.set(allKey, labels)
    }
    const atMs = r.startMs + r.durationMs
    const values: Record<string, number> = {}
    for (const m of istioMetrics) {
      if (!metricMatches(m, r)) continue
      const v = m.value(r)
      values[m.name] = v
      // HTTP metrics share the full label set's key; TCP ones use their 15 labels.
      this.add(m, labels, v, m.labels === httpLabelNames ? allKey : keyOf(labels, m.labels))
    }
    this.observations.push({ atMs, labels, values })
    this.prune(atMs)
  }

  /** Returns the metric definitions with their current series (empty metrics included). */
  families(): { def: MetricDef; series: Series[] }[] {
    return istioMetrics.map((def) => ({
      def,
      series: [...(this.series.get(def.name)?.values() ?? [])],
    }))
  }

  /** Returns the store's content as plain data (see TelemetryDump). */
  dump(): TelemetryDump {
    const index = new Map<Record<string, string>, number>()
    const labelSets: Record<string, string>[] = []
    const setOf = (l: Record<string, string>) => {
      let i = index.get(l)
      if (i === undefined) index.set(l, (i = labelSets.push(l) - 1))
      return i
    }
    const series: TelemetryDump['series'] = {}
    for (const [name, byKey] of this.series) series[name] = [...byKey]
    const observations = this.observations.map((o): [number, number, Record<string, number>] => [
      o.atMs,
      setOf(o.labels),
      o.values,
    ])
    return { reportsReceived: this.reportsReceived, series, labelSets, observations }
  }

  /** Replaces the store's content with a dump; throws naming what is wrong, changing nothing. */
  load(d: TelemetryDump): void {
    for (const name of Object.keys(d.series))
      if (!this.series.has(name)) throw new Error(`failed to load telemetry: no metric ${name}`)
    const observations = d.observations.map(([atMs, set, values], i) => {
      const labels = d.labelSets[set]
      if (!labels) throw new Error(`failed to load telemetry: observation ${i} has no label set`)
      return { atMs, labels, values }
    })
    for (const [name, byKey] of this.series) {
      byKey.clear()
      for (const [key, s] of d.series[name] ?? []) byKey.set(key, s)
    }
    this.interned.clear()
    this.observations = observations
    this.reportsReceived = d.reportsReceived
  }

  /** Returns the observations with `fromMs < atMs <= toMs`, oldest first. */
  observationsIn(fromMs: number, toMs: number): Observation[] {
    return this.observations.filter((o) => o.atMs > fromMs && o.atMs <= toMs)
  }

  private add(m: MetricDef, all: Record<string, string>, v: number, key: string): void {
    const byKey = this.series.get(m.name)
    if (!byKey) return
    let s = byKey.get(key)
    if (!s) {
      const labels = Object.fromEntries(m.labels.map((n) => [n, all[n] ?? 'unknown']))
      s = { labels, count: 0, sum: 0, buckets: (m.buckets ?? []).map(() => 0) }
      byKey.set(key, s)
    }
    if (m.kind === 'counter') {
      s.count += v
      s.sum += v
      return
    }
    s.count++
    s.sum += v
    const bounds = m.buckets ?? []
    for (let i = bounds.length - 1; i >= 0 && v <= (bounds[i] ?? 0); i--)
      s.buckets[i] = (s.buckets[i] ?? 0) + 1
  }

  private prune(nowMs: number): void {
    const cutoff = nowMs - this.retentionMs
    let drop = Math.max(0, this.observations.length - this.maxObservations)
    while (drop < this.observations.length && (this.observations[drop]?.atMs ?? 0) < cutoff) drop++
    // Splice in batches so a steady stream does not shift the array on every report.
    if (drop > 1024 || (drop > 0 && drop === this.observations.length))
      this.observations = this.observations.slice(drop)
  }
}
