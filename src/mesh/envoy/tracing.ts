/**
 * What Envoy 1.0 (Zipkin driver, 100 % sampling as Pilot sets it) does to a request's trace
 * headers: `x-request-id` generated when absent (UUID4 with `9` at index 14: sampled), B3 headers
 * generated at the edge, a new child span on the client side (egress) and the shared span on
 * the server side (ingress).
 */

import { fastFloats } from '../../util/index.js'

/** A span's B3 context. */
export interface TraceContext {
  traceId: string
  spanId: string
  parentSpanId?: string
  sampled: boolean
}

// Two hex digits per byte value, so a 32-bit draw prints with four lookups.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function hex8(random: () => number): string {
  const v = Math.floor(random() * 0x100000000)
  return HEX[v >>> 24]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!
}

/**
 * Returns the source a proxy draws its ids from, seeded by `random` once, as Envoy draws request
 * and span ids from a per-thread generator seeded once.
 */
export const idRandom = fastFloats

/** Returns `n` random hex digits (drawn 8 at a time). */
export function randomHex(n: number, random: () => number): string {
  let s = ''
  while (s.length < n) s += hex8(random)
  return s.length === n ? s : s.slice(0, n)
}

/** Returns a request id as Envoy's UUID utils mark a sampled request. */
export function newRequestId(random: () => number): string {
  const r = randomHex(32, random)
  const variant = '89ab'[Math.floor(random() * 4)]!
  // A UUID4 (version digit at index 14, variant at 19) whose trace decision, character 14, is
  // `9` (sampled) in place of the version digit.
  return `${r.slice(0, 8)}-${r.slice(8, 12)}-9${r.slice(13, 16)}-${variant}${r.slice(17, 20)}-${r.slice(20)}`
}

/**
 * Starts this proxy's span for a request and writes its context into the headers: egress makes a
 * child of the incoming span; ingress shares the caller's span (Zipkin shared span context).
 */
export function startSpan(
  headers: Record<string, string>,
  direction: 'inbound' | 'outbound',
  random: () => number
): TraceContext {
  if (!headers['x-request-id']) headers['x-request-id'] = newRequestId(random)
  const inTrace = headers['x-b3-traceid']
  const inSpan = headers['x-b3-spanid']
  const sampled = headers['x-b3-sampled'] !== '0'
  let ctx: TraceContext
  if (inTrace && inSpan) {
    ctx =
      direction === 'outbound'
        ? { traceId: inTrace, spanId: randomHex(16, random), parentSpanId: inSpan, sampled }
        : {
            traceId: inTrace,
            spanId: inSpan,
            ...(headers['x-b3-parentspanid'] ? { parentSpanId: headers['x-b3-parentspanid'] } : {}),
            sampled,
          }
  } else {
    const id = randomHex(16, random)
    ctx = { traceId: id, spanId: id, sampled: true }
  }
  headers['x-b3-traceid'] = ctx.traceId
  headers['x-b3-spanid'] = ctx.spanId
  if (ctx.parentSpanId) headers['x-b3-parentspanid'] = ctx.parentSpanId
  else delete headers['x-b3-parentspanid']
  headers['x-b3-sampled'] = ctx.sampled ? '1' : '0'
  headers['x-ot-span-context'] =
    `${ctx.traceId};${ctx.spanId};${ctx.parentSpanId ?? '0000000000000000'}`
  return ctx
}
