/**
 * The collector's normal form of a span, whichever Zipkin format it arrived in (v1 from Envoy 1.0,
 * v2 from newer clients), as Jaeger's Zipkin converter reads them.
 */
import { isLowerHexId } from './code-table.js'
import type { ZipkinEndpoint, ZipkinV1Span } from './zipkin-types.js'

/** A span as stored by the lab's Jaeger. */
export interface StoredSpan {
  traceId: string
  id: string
  parentId?: string
  name: string
  startUs: number
  durationUs: number
  kind?: 'client' | 'server'
  serviceName: string
  ipv4?: string
  tags: Record<string, string>
  /** Non-core annotations (become Jaeger logs). */
  logs: { timestamp: number; value: string }[]
}

const coreAnnotations = new Set(['cs', 'cr', 'sr', 'ss'])

function checkId(v: unknown, where: string): string {
  if (typeof v !== 'string' || !isLowerHexId(v.toLowerCase()))
    throw new Error(`${where} is not a hex id: ${JSON.stringify(v)}`)
  return v.toLowerCase()
}

/** Converts Zipkin v1 JSON spans; throws naming the span and field that is wrong. */
export function fromZipkinV1(spans: unknown): StoredSpan[] {
  if (!Array.isArray(spans)) throw new Error('body is not a JSON array of spans')
  return spans.map((raw, i) => {
    const s = raw as Partial<ZipkinV1Span>
    const annotations = Array.isArray(s.annotations) ? s.annotations : []
    const binary = Array.isArray(s.binaryAnnotations) ? s.binaryAnnotations : []
    let core: (typeof annotations)[number] | undefined
    let first = Infinity
    let last = -Infinity
    const logs: StoredSpan['logs'] = []
    for (const a of annotations) {
      if (coreAnnotations.has(a.value)) core ??= a
      else logs.push({ timestamp: a.timestamp, value: a.value })
      if (a.timestamp < first) first = a.timestamp
      if (a.timestamp > last) last = a.timestamp
    }
    const ep: ZipkinEndpoint | undefined =
      core?.endpoint ?? binary.find((b) => b.endpoint)?.endpoint
    const kind =
      core?.value === 'cs' || core?.value === 'cr' ? 'client' : core ? 'server' : undefined
    const tags: Record<string, string> = {}
    for (const b of binary) tags[b.key] = String(b.value)
    return {
      traceId: checkId(s.traceId, `span[${i}].traceId`),
      id: checkId(s.id, `span[${i}].id`),
      parentId: s.parentId ? checkId(s.parentId, `span[${i}].parentId`) : undefined,
      name: String(s.name ?? ''),
      startUs: Number(s.timestamp ?? (Number.isFinite(first) ? first : 0)),
      durationUs: Number(s.duration ?? (Number.isFinite(last) ? last - first : 0)),
      kind,
      serviceName: ep?.serviceName ?? 'unknown',
      ipv4: ep?.ipv4,
      tags,
      logs,
    }
  })
}

interface ZipkinV2Span {
  traceId: string
  id: string
  parentId?: string
  kind?: string
  name?: string
  timestamp?: number
  duration?: number
  localEndpoint?: ZipkinEndpoint
  annotations?: { timestamp: number; value: string }[]
  tags?: Record<string, string>
}

/** Converts Zipkin v2 JSON spans; throws naming the span and field that is wrong. */
export function fromZipkinV2(spans: unknown): StoredSpan[] {
  if (!Array.isArray(spans)) throw new Error('body is not a JSON array of spans')
  return spans.map((raw, i) => {
    const s = raw as Partial<ZipkinV2Span>
    const kind = s.kind === 'CLIENT' ? 'client' : s.kind === 'SERVER' ? 'server' : undefined
    return {
      traceId: checkId(s.traceId, `span[${i}].traceId`),
      id: checkId(s.id, `span[${i}].id`),
      parentId: s.parentId ? checkId(s.parentId, `span[${i}].parentId`) : undefined,
      name: String(s.name ?? ''),
      startUs: Number(s.timestamp ?? 0),
      durationUs: Number(s.duration ?? 0),
      kind,
      serviceName: s.localEndpoint?.serviceName ?? 'unknown',
      ipv4: s.localEndpoint?.ipv4,
      tags: { ...(s.tags ?? {}) },
      logs: (s.annotations ?? []).map((a) => ({ timestamp: a.timestamp, value: a.value })),
    }
  })
}
