/**
 * The span one Istio 1.0 proxy reports for one request (reference §3.3), kept as the report it was
 * made from: its Zipkin v1 JSON (what Envoy POSTs) is written straight from the report's fields
 * (zipkin-json.ts) when a body is read, and the collector stores it as it is, reading the fields
 * the Jaeger queries need on demand. One small object per span instead of the ~25 of its JSON
 * value.
 */
import type { RequestReport } from '../mesh-types.js'
import type { StoredSpan } from './stored-span.js'
import type { ZipkinEndpoint, ZipkinV1Span } from './zipkin-types.js'

// Ids as the collector keeps them without converting (Jaeger's parser accepts any case; the
// collector lower-cases them, so only an already lower-case id can be stored as it is).
const LOWER_HEX_ID = /^[0-9a-f]{1,32}$/

/**
 * A traced request's span, made from the proxy's report (see module doc). Read as a StoredSpan
 * (what the collector keeps) only once `storable()` says its ids need no conversion.
 */
export class EnvoySpan implements StoredSpan {
  /** The report the span is made from (never modified). */
  readonly report: RequestReport & { trace: NonNullable<RequestReport['trace']> }

  private constructor(r: RequestReport & { trace: NonNullable<RequestReport['trace']> }) {
    this.report = r
  }

  /** Returns the span of a report, or undefined when the request was not traced (sampled). */
  static of(r: RequestReport): EnvoySpan | undefined {
    const t = r.trace
    return t?.sampled ? new EnvoySpan(r as RequestReport & { trace: typeof t }) : undefined
  }

  /** The reporting proxy's side of the request. */
  private get self(): RequestReport['source'] {
    const r = this.report
    return r.reporter === 'source' ? r.source : r.destination
  }

  /** The endpoint's serviceName: the proxy's `--serviceCluster` (the pod's `app`, else `istio-proxy`). */
  get serviceName(): string {
    const app = this.self.app
    return app && app !== 'unknown' ? app : 'istio-proxy'
  }

  /** Start, µs since the epoch. */
  get startUs(): number {
    return Math.round(this.report.startMs * 1000)
  }

  /** Duration, µs (at least 1). */
  get durationUs(): number {
    return Math.max(1, Math.round(this.report.durationMs * 1000))
  }

  /** The operation name (the route decorator). */
  get name(): string {
    return this.report.operation
  }

  /** The trace id (B3 `x-b3-traceid`). */
  get traceId(): string {
    return this.report.trace.traceId
  }

  /** The span id (shared by the client and server spans of one call, as Zipkin's shared span). */
  get id(): string {
    return this.report.trace.spanId
  }

  /** The parent span id, if any. */
  get parentId(): string | undefined {
    return this.report.trace.parentSpanId || undefined
  }

  /** `client` for the caller's proxy (cs/cr), `server` for the callee's (sr/ss). */
  get kind(): 'client' | 'server' {
    return this.report.reporter === 'source' ? 'client' : 'server'
  }

  /** The proxy's pod IP (the endpoint's ipv4). */
  get ipv4(): string | undefined {
    return this.self.ip
  }

  /** Envoy's tags by key (built on each read: queries are rare, spans many). */
  get tags(): Record<string, string> {
    const tags: Record<string, string> = {}
    const list = this.tagList()
    for (let i = 0; i < list.length; i += 2) tags[list[i]!] = list[i + 1]!
    return tags
  }

  /** Envoy 1.0 sets only the core annotations: no logs. */
  get logs(): StoredSpan['logs'] {
    return []
  }

  /** Envoy's tags in the order it sets them, as [key, value, key, value, …] (empty values dropped). */
  tagList(): string[] {
    const r = this.report
    const out = [
      'component',
      'proxy',
      'node_id',
      r.nodeId,
      'guid:x-request-id',
      r.requestId,
      'http.url',
      `http://${r.host}${r.path}`,
      'http.method',
      r.method,
      'downstream_cluster',
      '-',
      'user_agent',
      r.userAgent || '-',
      'http.protocol',
      'HTTP/1.1',
      'request_size',
      String(r.requestBytes),
      'upstream_cluster',
      r.upstreamCluster,
      'http.status_code',
      String(r.responseCode),
      'response_size',
      String(r.responseBytes),
      'response_flags',
      r.responseFlags || '-',
    ]
    if (r.responseCode === 0 || r.responseCode >= 500) out.push('error', 'true')
    // Envoy's Span::setTag drops empty values.
    if (out.includes('')) {
      const kept: string[] = []
      for (let i = 0; i < out.length; i += 2) if (out[i + 1] !== '') kept.push(out[i]!, out[i + 1]!)
      return kept
    }
    return out
  }

  /** Returns the span's Zipkin v1 JSON value (the golden shape; `parentId` last, as Envoy adds it). */
  toZipkinV1(): ZipkinV1Span {
    const r = this.report
    const self = this.self
    const endpoint: ZipkinEndpoint = { serviceName: this.serviceName, ipv4: self.ip, port: 0 }
    const startUs = this.startUs
    const durationUs = this.durationUs
    const source = r.reporter === 'source'
    const tags = this.tagList()
    const binaryAnnotations: ZipkinV1Span['binaryAnnotations'] = []
    for (let i = 0; i < tags.length; i += 2)
      binaryAnnotations.push({ key: tags[i]!, value: tags[i + 1]! })
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
      binaryAnnotations,
    }
    if (r.trace.parentSpanId) span.parentId = r.trace.parentSpanId
    return span
  }

  /** JSON.stringify uses the Zipkin v1 value. */
  toJSON(): ZipkinV1Span {
    return this.toZipkinV1()
  }

  /**
   * Whether the collector may keep this span as it is: its ids are already what the conversion
   * would make of them (lower-case hex), so `stored()` equals converting its JSON.
   */
  storable(): boolean {
    const t = this.report.trace
    return (
      Number.isFinite(this.startUs) &&
      Number.isFinite(this.durationUs) &&
      LOWER_HEX_ID.test(t.traceId) &&
      LOWER_HEX_ID.test(t.spanId) &&
      (!t.parentSpanId || LOWER_HEX_ID.test(t.parentSpanId))
    )
  }

  /**
   * Returns the span in the collector's normal form as plain data: for a `storable()` span, what
   * fromZipkinV1 makes of its JSON.
   */
  stored(): StoredSpan {
    return {
      traceId: this.traceId,
      id: this.id,
      parentId: this.parentId,
      name: this.name,
      startUs: this.startUs,
      durationUs: this.durationUs,
      kind: this.kind,
      serviceName: this.serviceName,
      ipv4: this.ipv4,
      tags: this.tags,
      logs: [],
    }
  }
}
