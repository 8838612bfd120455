/**
 * Where the add-ons' PromQL goes: the real Prometheus when the lab runs one, else the lab's own
 * telemetry store. Both answer Prometheus's `/api/v1/query` shape.
 */
import type { TelemetryStore } from '../telemetry/telemetry-store.js'
import { evaluateLocal } from './local-engine.js'
import type { Sample } from './store-series.js'

/** Runs an instant PromQL query at `atMs` (default now). */
export interface MetricsSource {
  /** `prometheus` (a real one) or `lab-store`. */
  readonly kind: 'prometheus' | 'lab-store'
  query(promql: string, atMs?: number): Promise<Sample[]>
}

/** Returns a source evaluating queries on the lab's store. */
export function storeSource(store: TelemetryStore, now: () => number = Date.now): MetricsSource {
  return {
    kind: 'lab-store',
    query: async (promql, atMs) => {
      const v = evaluateLocal(store, promql, atMs ?? now())
      return typeof v === 'number' ? [{ labels: {}, value: v }] : v
    },
  }
}

/** Returns a source querying a Prometheus server's HTTP API at `baseUrl` (host loopback). */
export function prometheusSource(baseUrl: string): MetricsSource {
  return {
    kind: 'prometheus',
    query: async (promql, atMs) => {
      const u = new URL('/api/v1/query', baseUrl)
      u.searchParams.set('query', promql)
      if (atMs !== undefined) u.searchParams.set('time', String(atMs / 1000))
      const res = await fetch(u, { signal: AbortSignal.timeout(5000) })
      const body = (await res.json()) as {
        status: string
        error?: string
        data?: { resultType: string; result: unknown }
      }
      if (body.status !== 'success')
        throw new Error(`failed to query prometheus: ${body.error ?? res.status}`)
      return toSamples(body.data?.resultType ?? '', body.data?.result)
    },
  }
}

/** Converts a Prometheus API result to samples. */
export function toSamples(resultType: string, result: unknown): Sample[] {
  if (resultType === 'scalar')
    return [{ labels: {}, value: Number((result as [number, string])[1]) }]
  if (resultType !== 'vector') return []
  return (result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
    labels: r.metric,
    value: Number(r.value[1]),
  }))
}

/** Returns Prometheus's `/api/v1/query` JSON for samples evaluated at `atMs`. */
export function toApiResult(samples: Sample[] | number, atMs: number): unknown {
  const t = atMs / 1000
  if (typeof samples === 'number')
    return { status: 'success', data: { resultType: 'scalar', result: [t, String(samples)] } }
  const fmt = (v: number) =>
    Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v)
  return {
    status: 'success',
    data: {
      resultType: 'vector',
      result: samples.map((s) => ({ metric: s.labels, value: [t, fmt(s.value)] })),
    },
  }
}
