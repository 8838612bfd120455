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
import { ObservationLog, type Observation } from './observation-log.js'

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

export type { Observation } from './observation-log.js'

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

/** One distinct label set: its key, a report it came from, its labels and its series. */
interface LabelGroup {
  key: string
  /** The label fields of the report that made it. */
  kind: LabelFields
  labels: Record<string, string>
  series: (Series | undefined)[]
}

/** A report's fields that decide its labels besides its two workloads. */
type LabelFields = Pick<
  RequestReport,
  | 'reporter'
  | 'destinationService'
  | 'destinationServiceName'
  | 'destinationServiceNamespace'
  | 'requestProtocol'
  | 'responseCode'
  | 'connectionSecurityPolicy'
>

const sameKind = (a: LabelFields, b: LabelFields): boolean =>
  a.responseCode === b.responseCode &&
  a.reporter === b.reporter &&
  a.destinationService === b.destinationService &&
  a.connectionSecurityPolicy === b.connectionSecurityPolicy &&
  a.requestProtocol === b.requestProtocol &&
  a.destinationServiceName === b.destinationServiceName &&
  a.destinationServiceNamespace === b.destinationServiceNamespace

const keyOf = (labels: Record<string, string>, names: readonly string[]): string =>
  names.map((n) => labels[n]).join('\u0000')

/** Holds Istio's metrics computed from RequestReports. */
export class TelemetryStore {
  private readonly series = new Map<string, Map<string, Series>>()
  /**
   * Per distinct label set: one shared label object (observations point at it) and the series
   * of each metric it lands in, found once.
   */
  private interned = new Map<string, LabelGroup>()
  /**
   * The same groups by the report's two workload objects (the mesh keeps one per pod) and its
   * other label fields, compared as they are: a report of a known kind builds no key string.
   */
  private byEnds = new WeakMap<object, WeakMap<object, LabelGroup[]>>()
  private readonly observations = new ObservationLog(istioMetrics.map((m) => m.name))
  /** Scratch values of the report being ingested (one per metric). */
  private readonly values = new Float64Array(istioMetrics.length)
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
    const group = this.groupOf(r)
    const labels = group.labels
    const atMs = r.startMs + r.durationMs
    let counted = 0
    for (let i = 0; i < istioMetrics.length; i++) {
      const m = istioMetrics[i]!
      if (!metricMatches(m, r)) continue
      const v = m.value(r)
      this.values[i] = v
      counted |= 1 << i
      // HTTP metrics share the full label set's key; TCP ones use their 15 labels.
      const s = (group.series[i] ??= this.seriesOf(
        m,
        labels,
        m.labels === httpLabelNames ? group.key : keyOf(labels, m.labels)
      ))
      add(m, s, v)
    }
    this.observations.push(atMs, labels, this.values, counted)
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
    const observations = this.observations
      .all()
      .map((o): [number, number, Record<string, number>] => [o.atMs, setOf(o.labels), o.values])
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
    this.interned = new Map()
    this.byEnds = new WeakMap()
    this.observations.clear()
    const index = istioMetrics.map((m) => m.name)
    for (const o of observations) {
      let counted = 0
      for (const [name, v] of Object.entries(o.values)) {
        const i = index.indexOf(name)
        if (i < 0) continue
        this.values[i] = v
        counted |= 1 << i
      }
      this.observations.push(o.atMs, o.labels, this.values, counted)
    }
    this.reportsReceived = d.reportsReceived
  }

  /** Returns the observations with `fromMs < atMs <= toMs`, oldest first. */
  observationsIn(fromMs: number, toMs: number): Observation[] {
    return this.observations.between(fromMs, toMs)
  }

  // Returns the label group of a report: found by its workload objects and fields, else by its
  // label key (made when new).
  private groupOf(r: RequestReport): LabelGroup {
    let byDest = this.byEnds.get(r.source)
    if (!byDest) this.byEnds.set(r.source, (byDest = new WeakMap()))
    let list = byDest.get(r.destination)
    if (!list) byDest.set(r.destination, (list = []))
    for (const g of list) if (sameKind(g.kind, r)) return g
    const key = reportLabelKey(r)
    let group = this.interned.get(key)
    if (!group) {
      const kind: LabelFields = {
        reporter: r.reporter,
        destinationService: r.destinationService,
        destinationServiceName: r.destinationServiceName,
        destinationServiceNamespace: r.destinationServiceNamespace,
        requestProtocol: r.requestProtocol,
        responseCode: r.responseCode,
        connectionSecurityPolicy: r.connectionSecurityPolicy,
      }
      group = { key, kind, labels: reportLabels(r), series: [] }
      this.interned.set(key, group)
    }
    // A few kinds per pair of workloads (reporter × response code); past that, the key decides.
    if (list.length < 32) list.push(group)
    return group
  }

  // Returns the series of a metric with these labels, made when new.
  private seriesOf(m: MetricDef, all: Record<string, string>, key: string): Series {
    const byKey = this.series.get(m.name)!
    let s = byKey.get(key)
    if (!s) {
      const labels = Object.fromEntries(m.labels.map((n) => [n, all[n] ?? 'unknown']))
      s = { labels, count: 0, sum: 0, buckets: (m.buckets ?? []).map(() => 0) }
      byKey.set(key, s)
    }
    return s
  }

  private prune(nowMs: number): void {
    const log = this.observations
    const cutoff = nowMs - this.retentionMs
    let drop = Math.max(0, log.size - this.maxObservations)
    while (drop < log.size && log.atMsOf(drop) < cutoff) drop++
    log.dropOldest(drop)
  }
}

// Adds one report's value to a series (a counter's total, or a histogram observation).
function add(m: MetricDef, s: Series, v: number): void {
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
