/**
 * Envoy 1.0's Zipkin reporter, one buffer per proxy: spans made from the proxy's reports are POSTed
 * as a Zipkin v1 JSON array once 5 are buffered (`tracing.zipkin.min_flush_spans`) or every 5 s.
 */
import type { RequestReport } from '../mesh-types.js'
import { EnvoySpan } from './envoy-span.js'
import { ZipkinBatch } from './zipkin-batch.js'

/**
 * Sends one proxy's batch (POST `/api/v1/spans` to `zipkin.istio-system:9411` from its pod); the
 * batch is the POST's JSON value, its JSON the Zipkin v1 array.
 */
export type SpanSender = (from: RequestReport, batch: ZipkinBatch) => Promise<void>

/** Options of a SpanReporter. */
export interface SpanReporterOptions {
  send: SpanSender
  minFlushSpans?: number
  flushIntervalMs?: number
  onError?: (err: unknown) => void
}

/** Buffers spans per proxy (node id) and flushes them as Envoy does. */
export class SpanReporter {
  private readonly buffers = new Map<string, { last: RequestReport; spans: EnvoySpan[] }>()
  private readonly timer: NodeJS.Timeout
  private readonly pending = new Set<Promise<void>>()
  /** Spans sent, and spans lost because the collector did not accept them. */
  sent = 0
  dropped = 0

  private readonly o: SpanReporterOptions

  constructor(o: SpanReporterOptions) {
    this.o = o
    this.timer = setInterval(() => this.flushAll(), o.flushIntervalMs ?? 5000)
    this.timer.unref()
  }

  /** Takes one report (a ReportSink). */
  add(r: RequestReport): void {
    const span = EnvoySpan.of(r)
    if (!span) return
    let b = this.buffers.get(r.nodeId)
    if (!b) this.buffers.set(r.nodeId, (b = { last: r, spans: [] }))
    b.last = r
    b.spans.push(span)
    if (b.spans.length >= (this.o.minFlushSpans ?? 5)) this.flush(r.nodeId)
  }

  /** Sends every buffered span now; resolves when all sends have settled. */
  async flushAll(): Promise<void> {
    for (const id of [...this.buffers.keys()]) this.flush(id)
    await Promise.allSettled([...this.pending])
  }

  /** Stops the flush timer (buffered spans are dropped, as when a proxy exits). */
  stop(): void {
    clearInterval(this.timer)
    this.buffers.clear()
  }

  private flush(nodeId: string): void {
    const b = this.buffers.get(nodeId)
    if (!b || b.spans.length === 0) return
    this.buffers.delete(nodeId)
    const n = b.spans.length
    const p: Promise<void> = this.o.send(b.last, new ZipkinBatch(b.spans)).then(
      () => {
        this.sent += n
        this.pending.delete(p)
      },
      (err: unknown) => {
        // Envoy only counts the failure (tracing.zipkin.reports_dropped); the request is unaffected.
        this.dropped += n
        this.pending.delete(p)
        this.o.onError?.(err)
      }
    )
    this.pending.add(p)
  }
}
