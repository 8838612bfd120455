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
  const source = r.reporter === 'source'
  const tags: { key: string; value: string }[] = []
  // Envoy's Span::setTag drops empty values and sets no endpoint on the binary annotation.
  const tag = (key: string, value: string) => {
    if (value !== '') tags.push({ key, value })
  }
  tag('component', 'proxy')
  tag('node_id', r.nodeId)
  tag('guid:x-request-id', r.requestId)
  tag('http.url', `http://${r.host}${r.path}`)
  tag('http.method', r.method)
  tag('downstream_cluster', '-')
  tag('user_agent', r.userAgent || '-')
  tag('http.protocol', 'HTTP/1.1')
  tag('request_size', String(r.requestBytes))
  tag('upstream_cluster', r.upstreamCluster)
  tag('http.status_code', String(r.responseCode))
  tag('response_size', String(r.responseBytes))
  tag('response_flags', r.responseFlags || '-')
  if (r.responseCode === 0 || r.responseCode >= 500) tag('error', 'true')
  const span: ZipkinV1Span = {
    traceId: r.trace.traceId,
    id: r.trace.spanId,
    name: r.operation,
    timestamp: startUs,
    duration: durationUs,
    annotations: [
      { timestamp: startUs, value: source ? 'cs' : 'sr', endpoint },
      { timestamp: startUs + durationUs, value: source ? 'cr' : 'ss', endpoint },
    ],
    binaryAnnotations: tags,
  }
  if (r.trace.parentSpanId) span.parentId = r.trace.parentSpanId
  return span
}
