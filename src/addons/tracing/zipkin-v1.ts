/**
 * Zipkin v1 JSON spans as Istio 1.0's Envoy reports them (reference §3.3): one span per request per
 * proxy, `cs`/`cr` on the caller's sidecar, `sr`/`ss` on the callee's, and Envoy's tags.
 */
import type { RequestReport } from '../mesh-types.js'

/** A Zipkin v1 endpoint. */
export interface ZipkinEndpoint {
  serviceName: string
  ipv4?: string
  port?: number
}

/** A Zipkin v1 span (the JSON Envoy 1.0 POSTs to `/api/v1/spans`). */
export interface ZipkinV1Span {
  traceId: string
  id: string
  parentId?: string
  name: string
  /** Start, µs since the epoch. */
  timestamp: number
  /** µs. */
  duration: number
  annotations: { timestamp: number; value: string; endpoint: ZipkinEndpoint }[]
  /** Envoy's tags carry no endpoint (`BinaryAnnotation(key, value)`); other clients may set one. */
  binaryAnnotations: { key: string; value: string; endpoint?: ZipkinEndpoint }[]
}

/**
 * Returns the span a proxy reports for a request, or undefined when the request was not traced.
 * The endpoint's serviceName is the proxy's `--serviceCluster` (the pod's `app` label, else
 * `istio-proxy`).
 */
export function spanFromReport(r: RequestReport): ZipkinV1Span | undefined {
  if (!r.trace?.sampled) return undefined
  const self = r.reporter === 'source' ? r.source : r.destination
  const app = self.app && self.app !== 'unknown' ? self.app : 'istio-proxy'
  const endpoint: ZipkinEndpoint = { serviceName: app, ipv4: self.ip, port: 0 }
  const startUs = Math.round(r.startMs * 1000)
  const durationUs = Math.max(1, Math.round(r.durationMs * 1000))
  const [begin, end] = r.reporter === 'source' ? ['cs', 'cr'] : ['sr', 'ss']
  const tags: [string, string][] = [
    ['component', 'proxy'],
    ['node_id', r.nodeId],
    ['guid:x-request-id', r.requestId],
    ['http.url', `http://${r.host}${r.path}`],
    ['http.method', r.method],
    ['downstream_cluster', '-'],
    ['user_agent', r.userAgent || '-'],
    ['http.protocol', 'HTTP/1.1'],
    ['request_size', String(r.requestBytes)],
    ['upstream_cluster', r.upstreamCluster],
    ['http.status_code', String(r.responseCode)],
    ['response_size', String(r.responseBytes)],
    ['response_flags', r.responseFlags || '-'],
  ]
  if (r.responseCode === 0 || r.responseCode >= 500) tags.push(['error', 'true'])
  const span: ZipkinV1Span = {
    traceId: r.trace.traceId,
    id: r.trace.spanId,
    name: r.operation,
    timestamp: startUs,
    duration: durationUs,
    annotations: [
      { timestamp: startUs, value: begin as string, endpoint },
      { timestamp: startUs + durationUs, value: end as string, endpoint },
    ],
    // Envoy's Span::setTag drops empty values and sets no endpoint on the binary annotation.
    binaryAnnotations: [],
  }
  for (const [key, value] of tags) if (value !== '') span.binaryAnnotations.push({ key, value })
  if (r.trace.parentSpanId) span.parentId = r.trace.parentSpanId
  return span
}
