/**
 * The lab's Jaeger storage (all-in-one's in-memory store, `MEMORY_MAX_TRACES=50000`): spans by trace,
 * services and operations, and the trace search of Jaeger 1.5's query service. A proxy's span is
 * kept as it arrived (an EnvoySpan: one object over its report); what the store returns is plain
 * data.
 */
import { EnvoySpan } from './envoy-span.js'
import type { StoredSpan } from './stored-span.js'

const plain = (s: StoredSpan): StoredSpan => (s instanceof EnvoySpan ? s.stored() : s)

/** Trace search parameters (Jaeger's TraceQueryParameters). */
export interface TraceQuery {
  service: string
  operation?: string
  tags?: Record<string, string>
  startUs?: number
  endUs?: number
  minDurationUs?: number
  maxDurationUs?: number
  limit?: number
}

/** Stores spans and answers Jaeger's queries. */
export class SpanStore {
  private readonly traces = new Map<string, StoredSpan[]>()
  /**
   * The kept trace ids, oldest first, from `head` on: eviction takes the oldest by its key (a Map
   * read from its front after many deletes walks every deleted slot until it rehashes).
   */
  private order: string[] = []
  private head = 0
  private readonly operations = new Map<string, Set<string>>()
  /** Spans received. */
  spansReceived = 0

  private readonly maxTraces: number

  constructor(maxTraces = 50_000) {
    this.maxTraces = maxTraces
  }

  /** Returns every kept span, oldest trace first (a lab snapshot's content). */
  dump(): StoredSpan[] {
    const out: StoredSpan[] = []
    for (const spans of this.traces.values()) for (const s of spans) out.push(plain(s))
    return out
  }

  /** Replaces the kept spans with `spans` (a dump), counting them as received. */
  load(spans: StoredSpan[]): void {
    this.traces.clear()
    this.order = []
    this.head = 0
    this.operations.clear()
    this.spansReceived = 0
    this.add(spans)
  }

  /** Adds spans; the oldest traces are evicted past the limit. */
  add(spans: readonly StoredSpan[]): void {
    // A proxy's batch holds runs of one trace (a request's server and client spans) and of one
    // service and operation: each run looks its trace and its operations up once.
    let lastTrace: string | undefined
    let list: StoredSpan[] | undefined
    let lastService: string | undefined
    let ops: Set<string> | undefined
    let lastName: string | undefined
    for (const s of spans) {
      this.spansReceived++
      const traceId = s.traceId
      if (traceId !== lastTrace || !list) {
        lastTrace = traceId
        list = this.traces.get(traceId)
        if (!list) {
          this.traces.set(traceId, (list = []))
          this.order.push(traceId)
          if (this.traces.size > this.maxTraces) this.evictOldest()
        }
      }
      list.push(s)
      const service = s.serviceName
      const name = s.name
      if (service !== lastService || !ops) {
        lastService = service
        lastName = undefined
        ops = this.operations.get(service)
        if (!ops) this.operations.set(service, (ops = new Set<string>()))
      }
      if (name !== lastName) {
        lastName = name
        ops.add(name)
      }
    }
  }

  // Drops the oldest trace (the order's ids are exactly the map's keys, in insertion order).
  private evictOldest(): void {
    const oldest = this.order[this.head]
    this.order[this.head++] = ''
    if (oldest !== undefined) this.traces.delete(oldest)
    // Compacted once half of it is evicted ids: amortized O(1) per trace.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head)
      this.head = 0
    }
  }

  /** Returns the service names seen, sorted. */
  services(): string[] {
    return [...this.operations.keys()].sort()
  }

  /** Returns a service's operation names, sorted. */
  operationsOf(service: string): string[] {
    return [...(this.operations.get(service) ?? [])].sort()
  }

  /** Returns one trace's spans (by id, leading zeros ignored). */
  trace(id: string): StoredSpan[] | undefined {
    const lower = id.toLowerCase()
    const hit = this.traces.get(lower)
    if (hit) return hit.map(plain)
    const want = lower.replace(/^0+/, '')
    for (const [k, v] of this.traces) if (k.replace(/^0+/, '') === want) return v.map(plain)
    return undefined
  }

  /** Returns caller → callee links with call counts (client spans whose child runs elsewhere). */
  dependencies(): { parent: string; child: string; callCount: number }[] {
    const counts = new Map<string, number>()
    for (const spans of this.traces.values()) {
      const byId = new Map<string, StoredSpan[]>()
      for (const s of spans) byId.set(s.id, [...(byId.get(s.id) ?? []), s])
      for (const s of spans) {
        // A server span's caller is the client span with the same id (shared) or its parent.
        if (s.kind !== 'server') continue
        const caller = [...(byId.get(s.id) ?? []), ...(byId.get(s.parentId ?? '') ?? [])].find(
          (c) => c.kind === 'client' && c.serviceName !== s.serviceName
        )
        if (!caller) continue
        const k = `${caller.serviceName}\u0000${s.serviceName}`
        counts.set(k, (counts.get(k) ?? 0) + 1)
      }
    }
    return [...counts].map(([k, callCount]) => {
      const [parent = '', child = ''] = k.split('\u0000')
      return { parent, child, callCount }
    })
  }

  /** Returns matching traces, newest first, at most `limit` (default 100). */
  find(q: TraceQuery): StoredSpan[][] {
    const out: StoredSpan[][] = []
    for (const spans of this.traces.values()) {
      if (spans.some((s) => spanMatches(s, q))) out.push(spans)
    }
    const start = (t: StoredSpan[]) => Math.min(...t.map((s) => s.startUs))
    return out
      .sort((a, b) => start(b) - start(a))
      .slice(0, q.limit ?? 100)
      .map((t) => t.map(plain))
  }
}

function spanMatches(s: StoredSpan, q: TraceQuery): boolean {
  if (s.serviceName !== q.service) return false
  if (q.operation && s.name !== q.operation) return false
  if (q.startUs !== undefined && s.startUs < q.startUs) return false
  if (q.endUs !== undefined && s.startUs > q.endUs) return false
  if (q.minDurationUs !== undefined && s.durationUs < q.minDurationUs) return false
  if (q.maxDurationUs !== undefined && s.durationUs > q.maxDurationUs) return false
  const want = Object.entries(q.tags ?? {})
  if (want.length === 0) return true
  const tags = s.tags
  for (const [k, v] of want) if (tags[k] !== v) return false
  return true
}
