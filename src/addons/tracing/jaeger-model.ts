/**
 * Jaeger 1.5's UI JSON model (`model/json`) of stored spans, after the query service's adjusters:
 * a server span sharing its id with a client span (Zipkin's shared span, as Envoy reports) gets a
 * new id and becomes the client span's child (SpanIDDeduper).
 */
import type { StoredSpan } from './stored-span.js'

/** A Jaeger key/value tag. */
export interface JaegerTag {
  key: string
  type: 'string' | 'bool' | 'int64' | 'float64' | 'binary'
  value: string | boolean | number
}

/** A span of Jaeger's JSON model. */
export interface JaegerSpan {
  traceID: string
  spanID: string
  flags: number
  operationName: string
  references: { refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID: string; spanID: string }[]
  startTime: number
  duration: number
  tags: JaegerTag[]
  logs: { timestamp: number; fields: JaegerTag[] }[]
  processID: string
  warnings: string[] | null
}

/** A trace of Jaeger's JSON model. */
export interface JaegerTrace {
  traceID: string
  spans: JaegerSpan[]
  processes: Record<string, { serviceName: string; tags: JaegerTag[] }>
  warnings: string[] | null
}

/** Returns an id as Jaeger 1.x prints it (`%x`: lowercase hex without leading zeros). */
export function jaegerId(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '')
}

function dedupe(spans: StoredSpan[]): StoredSpan[] {
  const clientIds = new Set(spans.filter((s) => s.kind === 'client').map((s) => s.id))
  const used = new Set(spans.map((s) => s.id))
  let next = 0n
  for (const s of spans) next = BigInt(`0x${s.id}`) > next ? BigInt(`0x${s.id}`) : next
  return spans.map((s) => {
    if (s.kind !== 'server' || !clientIds.has(s.id)) return s
    let id: string
    do {
      next++
      id = next.toString(16)
    } while (used.has(id))
    used.add(id)
    return { ...s, parentId: s.id, id }
  })
}

/** Converts one trace's stored spans to Jaeger's JSON model. */
export function toJaegerTrace(stored: StoredSpan[]): JaegerTrace {
  const spans = dedupe(stored)
  const traceID = jaegerId(stored[0]?.traceId ?? '0')
  const processes: JaegerTrace['processes'] = {}
  const processKey = new Map<string, string>()
  const out = spans.map((s): JaegerSpan => {
    const pk = `${s.serviceName}\u0000${s.ipv4 ?? ''}`
    let pid = processKey.get(pk)
    if (!pid) {
      pid = `p${processKey.size + 1}`
      processKey.set(pk, pid)
      processes[pid] = {
        serviceName: s.serviceName,
        tags: s.ipv4 ? [{ key: 'ip', type: 'string', value: s.ipv4 }] : [],
      }
    }
    const tags: JaegerTag[] = Object.entries(s.tags).map(([key, value]) => ({
      key,
      type: 'string',
      value,
    }))
    if (s.kind) tags.push({ key: 'span.kind', type: 'string', value: s.kind })
    return {
      traceID,
      spanID: jaegerId(s.id),
      flags: 1,
      operationName: s.name,
      references: s.parentId
        ? [{ refType: 'CHILD_OF', traceID, spanID: jaegerId(s.parentId) }]
        : [],
      startTime: s.startUs,
      duration: s.durationUs,
      tags,
      logs: s.logs.map((l) => ({
        timestamp: l.timestamp,
        fields: [{ key: 'annotation', type: 'string', value: l.value }],
      })),
      processID: pid,
      warnings: null,
    }
  })
  return {
    traceID,
    spans: out.sort((a, b) => a.startTime - b.startTime),
    processes,
    warnings: null,
  }
}
