/**
 * Prometheus's HTTP query API (`/api/v1/query`, `/api/v1/query_range`) answered either by a real
 * Prometheus (forwarded) or by the lab's store; the dashboards and specs read it through the
 * Grafana stand-in's datasource proxy.
 */
import type { HttpRequest, HttpResponse } from '../../network/index.js'
import { jsonReply, parseTarget, reply } from '../http-reply.js'
import type { TelemetryStore } from '../telemetry/telemetry-store.js'
import { evaluateLocal } from './local-engine.js'
import { toApiResult } from './metrics-source.js'

const bad = (msg: string) => jsonReply(400, { status: 'error', errorType: 'bad_data', error: msg })

const parseTime = (v: string | null, dflt: number): number => {
  if (v === null || v === '') return dflt
  const n = Number(v)
  if (Number.isFinite(n)) return n * 1000
  const d = Date.parse(v)
  if (Number.isNaN(d)) throw new Error(`cannot parse "${v}" to a valid timestamp`)
  return d
}

/** Answers `/api/v1/query` and `/api/v1/query_range` (path relative to the API root) from the store. */
export function localQueryApi(
  store: TelemetryStore,
  path: string,
  params: URLSearchParams,
  nowMs: number
): HttpResponse {
  const query = params.get('query') ?? ''
  try {
    if (path === '/api/v1/query') {
      const at = parseTime(params.get('time'), nowMs)
      return jsonReply(200, toApiResult(evaluateLocal(store, query, at), at))
    }
    if (path === '/api/v1/query_range') {
      const start = parseTime(params.get('start'), nowMs - 3_600_000)
      const end = parseTime(params.get('end'), nowMs)
      const step = Number(params.get('step') ?? '15') * 1000
      if (!(step > 0)) return bad('zero or negative query resolution step widths are not accepted')
      if ((end - start) / step > 11000)
        return bad('exceeded maximum resolution of 11,000 points per timeseries')
      const series = new Map<
        string,
        { metric: Record<string, string>; values: [number, string][] }
      >()
      for (let t = start; t <= end; t += step) {
        const v = evaluateLocal(store, query, t)
        const samples = typeof v === 'number' ? [{ labels: {}, value: v }] : v
        for (const s of samples) {
          const k = JSON.stringify(Object.entries(s.labels).sort())
          const e = series.get(k) ?? { metric: s.labels, values: [] }
          e.values.push([t / 1000, String(s.value)])
          series.set(k, e)
        }
      }
      return jsonReply(200, {
        status: 'success',
        data: { resultType: 'matrix', result: [...series.values()] },
      })
    }
  } catch (err) {
    return bad((err as Error).message)
  }
  return jsonReply(404, {
    status: 'error',
    errorType: 'not_found',
    error: `no API ${path} in the lab's query engine`,
  })
}

/** Forwards a query API request to a real Prometheus at `baseUrl`. */
export async function forwardQueryApi(
  baseUrl: string,
  req: HttpRequest,
  path: string
): Promise<HttpResponse> {
  const { query } = parseTarget(req)
  const u = new URL(path, baseUrl)
  u.search = query.toString()
  const res = await fetch(u, { signal: AbortSignal.timeout(10_000) })
  return reply(
    res.status,
    Buffer.from(await res.arrayBuffer()),
    res.headers.get('content-type') ?? 'application/json'
  )
}
