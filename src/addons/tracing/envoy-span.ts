/**
 * The span one Istio 1.0 proxy reports for one request (reference §3.3), kept as the fields of the
 * report it was made from: its Zipkin v1 JSON (what Envoy POSTs) is written straight from them
 * (zipkin-json.ts) when a body is read, and the collector stores it as it is, reading the fields
 * the Jaeger queries need on demand. One small object per span instead of the ~25 of its JSON
 * value.
 */
import type { RequestReport, WorkloadAttrs } from '../mesh-types.js'
import { isLowerHexId } from './code-table.js'
import { shapeOf, type SpanShape } from './span-shape.js'
import type { StoredSpan } from './stored-span.js'
import type { ZipkinEndpoint, ZipkinV1Span } from './zipkin-types.js'

/**
 * A traced request's span, made from the proxy's report (see module doc). Read as a StoredSpan
 * (what the collector keeps) only once `storable()` says its ids need no conversion.
 */
export class EnvoySpan implements StoredSpan {
  /** The trace id (B3 `x-b3-traceid`). */
  readonly traceId: string
  /** The span id (shared by the client and server spans of one call, as Zipkin's shared span). */
  readonly id: string
  /** The parent span id, if any. */
  readonly parentId: string | undefined
  /** Start, µs since the epoch. */
  readonly startUs: number
  /** Duration, µs (at least 1). */
  readonly durationUs: number
  /** The report's fields that change from request to request. */
  readonly requestId: string
  readonly requestBytes: number
  readonly responseBytes: number
  readonly responseCode: number
  /** What the proxy's spans share (its side, endpoint and route strings). */
  readonly shape: SpanShape
  // Whether the three ids are lower-case hex (undefined until first asked).
  private hexIds: boolean | undefined = undefined

  // The report's fields are copied, not the report kept: the store keeps 50,000 traces, and one
  // small object a span (the strings a proxy repeats live once, in its shape) is a fraction of
  // what the report, its trace context and a wrapper make.
  private constructor(r: RequestReport, t: NonNullable<RequestReport['trace']>) {
    this.traceId = t.traceId
    this.id = t.spanId
    this.parentId = t.parentSpanId || undefined
    this.startUs = Math.round(r.startMs * 1000)
    this.durationUs = Math.max(1, Math.round(r.durationMs * 1000))
    this.requestId = r.requestId
    this.requestBytes = r.requestBytes
    this.responseBytes = r.responseBytes
    this.responseCode = r.responseCode
    this.shape = shapeOf(r)
  }

  /** The operation name (the route decorator). */
  get name(): string {
    return this.shape.name
  }
  /** `client` for the caller's proxy (cs/cr), `server` for the callee's (sr/ss). */
  get kind(): 'client' | 'server' {
    return this.shape.kind
  }
  /** The reporting proxy's side of the request (the mesh keeps one object per pod). */
  get self(): WorkloadAttrs {
    return this.shape.self
  }
  /** The endpoint's serviceName: the proxy's `--serviceCluster` (the pod's `app`, else `istio-proxy`). */
  get serviceName(): string {
    return this.shape.serviceName
  }
  /** The proxy's pod IP (the endpoint's ipv4). */
  get ipv4(): string | undefined {
    return this.shape.ipv4
  }
  /** The report's strings the span's tags are made of. */
  get nodeId(): string {
    return this.shape.nodeId
  }
  get host(): string {
    return this.shape.host
  }
  get path(): string {
    return this.shape.path
  }
  get method(): string {
    return this.shape.method
  }
  get userAgent(): string {
    return this.shape.userAgent
  }
  get upstreamCluster(): string {
    return this.shape.upstreamCluster
  }
  get responseFlags(): string {
    return this.shape.responseFlags
  }

  /** Whether the trace, span and parent ids are lower-case hex (worked out once). */
  hexIdsOnly(): boolean {
    return (this.hexIds ??=
      isLowerHexId(this.traceId) &&
      isLowerHexId(this.id) &&
      (!this.parentId || isLowerHexId(this.parentId)))
  }

  /** Returns the span of a report, or undefined when the request was not traced (sampled). */
  static of(r: RequestReport): EnvoySpan | undefined {
    const t = r.trace
    return t?.sampled ? new EnvoySpan(r, t) : undefined
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
    const out = [
      'component',
      'proxy',
      'node_id',
      this.nodeId,
      'guid:x-request-id',
      this.requestId,
      'http.url',
      `http://${this.host}${this.path}`,
      'http.method',
      this.method,
      'downstream_cluster',
      '-',
      'user_agent',
      this.userAgent || '-',
      'http.protocol',
      'HTTP/1.1',
      'request_size',
      String(this.requestBytes),
      'upstream_cluster',
      this.upstreamCluster,
      'http.status_code',
      String(this.responseCode),
      'response_size',
      String(this.responseBytes),
      'response_flags',
      this.responseFlags || '-',
    ]
    if (this.responseCode === 0 || this.responseCode >= 500) out.push('error', 'true')
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
    const endpoint: ZipkinEndpoint = { serviceName: this.serviceName, ipv4: this.ipv4, port: 0 }
    const startUs = this.startUs
    const durationUs = this.durationUs
    const client = this.kind === 'client'
    const tags = this.tagList()
    const binaryAnnotations: ZipkinV1Span['binaryAnnotations'] = []
    for (let i = 0; i < tags.length; i += 2)
      binaryAnnotations.push({ key: tags[i]!, value: tags[i + 1]! })
    const span: ZipkinV1Span = {
      traceId: this.traceId,
      id: this.id,
      name: this.name,
      timestamp: startUs,
      duration: durationUs,
      annotations: [
        { timestamp: startUs, value: client ? 'cs' : 'sr', endpoint },
        { timestamp: startUs + durationUs, value: client ? 'cr' : 'ss', endpoint },
      ],
      binaryAnnotations,
    }
    if (this.parentId) span.parentId = this.parentId
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
    return Number.isFinite(this.startUs) && Number.isFinite(this.durationUs) && this.hexIdsOnly()
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
