/**
 * Jaeger 1.5's query service API (`cmd/query/app/handler.go`) over the lab's span store:
 * `/api/services`, `/api/services/{s}/operations`, `/api/operations?service=`, `/api/traces?…`,
 * `/api/traces/{id}`, `/api/dependencies`, in Jaeger's response envelope.
 */
import { parseGoDuration } from '../../istio/index.js'
import type { HttpRequest, HttpResponse } from '../../network/index.js'
import { jsonReply, parseTarget } from '../http-reply.js'
import { toJaegerTrace } from './jaeger-model.js'
import type { SpanStore, TraceQuery } from './span-store.js'

const envelope = (
  data: unknown,
  total = 0,
  errors: { code: number; msg: string }[] | null = null
) => ({
  data,
  total,
  limit: 0,
  offset: 0,
  errors,
})

const fail = (code: number, msg: string): HttpResponse =>
  jsonReply(code, envelope(null, 0, [{ code, msg }]))

/** Parses Jaeger's trace search parameters; throws with Jaeger's message for a bad one. */
export function parseTraceQuery(q: URLSearchParams, nowUs: number): TraceQuery {
  const service = q.get('service')
  if (!service) throw new Error("parameter 'service' is required")
  const int = (name: string): number | undefined => {
    const v = q.get(name)
    if (v === null || v === '') return undefined
    if (!/^\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing "${v}": invalid syntax`)
    return Number(v)
  }
  const dur = (name: string): number | undefined => {
    const v = q.get(name)
    if (v === null || v === '') return undefined
    return parseGoDuration(v) / 1000
  }
  const tags: Record<string, string> = {}
  for (const t of q.getAll('tag')) {
    const i = t.indexOf(':')
    if (i < 0) throw new Error(`malformed 'tag' parameter, expecting key:value, received: ${t}`)
    tags[t.slice(0, i)] = t.slice(i + 1)
  }
  const json = q.get('tags')
  if (json) {
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch (cause) {
      throw new Error(`malformed 'tags' parameter, expecting JSON map: ${String(cause)}`, { cause })
    }
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) tags[k] = String(v)
  }
  const endUs = int('end') ?? nowUs
  const lookback = q.get('lookback')
  const lookbackUs =
    lookback && lookback !== 'custom' ? parseGoDuration(lookback) / 1000 : 24 * 3600e6
  return {
    service,
    operation: q.get('operation') || undefined,
    tags,
    startUs: int('start') ?? endUs - lookbackUs,
    endUs,
    minDurationUs: dur('minDuration'),
    maxDurationUs: dur('maxDuration'),
    limit: int('limit') ?? 100,
  }
}

/** Answers one request to the query API; undefined when the path is not one of its routes. */
export function jaegerQuery(
  store: SpanStore,
  req: HttpRequest,
  nowMs: number
): HttpResponse | undefined {
  const { pathname, query } = parseTarget(req)
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined
  if (pathname === '/api/services') {
    const s = store.services()
    return jsonReply(200, envelope(s, s.length))
  }
  const ops = /^\/api\/services\/([^/]+)\/operations$/.exec(pathname)
  if (ops || pathname === '/api/operations') {
    const service = ops?.[1] ?? query.get('service') ?? ''
    const o = store.operationsOf(service)
    return jsonReply(200, envelope(o, o.length))
  }
  if (pathname === '/api/traces') {
    const ids = query.getAll('traceID')
    if (ids.length > 0) {
      const found = ids.map((id) => store.trace(id)).filter((t) => t !== undefined)
      return jsonReply(200, envelope(found.map(toJaegerTrace)))
    }
    let tq: TraceQuery
    try {
      tq = parseTraceQuery(query, nowMs * 1000)
    } catch (err) {
      return fail(400, (err as Error).message)
    }
    return jsonReply(200, envelope(store.find(tq).map(toJaegerTrace)))
  }
  const one = /^\/api\/traces\/([^/]+)$/.exec(pathname)
  if (one) {
    const t = store.trace(one[1] ?? '')
    if (!t) return fail(404, 'trace not found')
    return jsonReply(200, envelope([toJaegerTrace(t)]))
  }
  if (pathname === '/api/dependencies') {
    return jsonReply(200, envelope(store.dependencies()))
  }
  return undefined
}
