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
  parentSpanId?: string | undefined
  sampled: boolean
}

// The character codes of the hex digits; an id is written as codes and read out as one flat
// string (concatenating its pieces would make a rope every reader has to flatten first).
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0))
const digits: number[] = []
const uuid = new Array<number>(36).fill(0)

// Writes `n` random hex digits into `digits`, drawn 8 (one 32-bit draw) at a time.
function drawHex(n: number, random: () => number): void {
  digits.length = n
  for (let i = 0; i < n; i += 8) {
    const v = Math.floor(random() * 0x100000000)
    for (let k = 0; k < 8 && i + k < n; k++) digits[i + k] = HEX_CODES[(v >>> (28 - 4 * k)) & 15]!
  }
}

/**
 * Returns the source a proxy draws its ids from, seeded by `random` once, as Envoy draws request
 * and span ids from a per-thread generator seeded once.
 */
export const idRandom = fastFloats

/** Returns `n` random hex digits (drawn 8 at a time). */
export function randomHex(n: number, random: () => number): string {
  drawHex(n, random)
  return String.fromCharCode.apply(null, digits)
}

// Where the 32 digits of a request id go in its 36 characters (the dashes, the trace decision at
// 14 and the variant at 19 in between).
const UUID_SLOTS = [
  0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30,
  31, 32, 33, 34, 35,
]
const DASH = '-'.charCodeAt(0)
const VARIANTS = Array.from('89ab', (c) => c.charCodeAt(0))

/**
 * Returns a request id as Envoy's UUID utils mark a sampled request, or a plain UUID4 (version
 * digit `4` at index 14: untraced) when the connection manager has no tracing.
 */
export function newRequestId(random: () => number, traced = true): string {
  drawHex(32, random)
  for (let i = 0; i < 32; i++) uuid[UUID_SLOTS[i]!] = digits[i]!
  uuid[8] = uuid[13] = uuid[18] = uuid[23] = DASH
  // A UUID4 (version digit at index 14, variant at 19) whose trace decision, character 14, is
  // `9` (sampled) in place of the version digit.
  uuid[14] = traced ? 0x39 : 0x34
  uuid[19] = VARIANTS[Math.floor(random() * 4)]!
  return String.fromCharCode.apply(null, uuid)
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
  // Every context has the same four fields (an absent parent is undefined), one object shape.
  let ctx: TraceContext
  if (inTrace && inSpan) {
    ctx =
      direction === 'outbound'
        ? { traceId: inTrace, spanId: randomHex(16, random), parentSpanId: inSpan, sampled }
        : {
            traceId: inTrace,
            spanId: inSpan,
            parentSpanId: headers['x-b3-parentspanid'] || undefined,
            sampled,
          }
  } else {
    const id = randomHex(16, random)
    ctx = { traceId: id, spanId: id, parentSpanId: undefined, sampled: true }
  }
  const parent = ctx.parentSpanId
  headers['x-b3-traceid'] = ctx.traceId
  headers['x-b3-spanid'] = ctx.spanId
  if (parent) headers['x-b3-parentspanid'] = parent
  else if (headers['x-b3-parentspanid'] !== undefined) delete headers['x-b3-parentspanid']
  headers['x-b3-sampled'] = ctx.sampled ? '1' : '0'
  headers['x-ot-span-context'] = `${ctx.traceId};${ctx.spanId};${parent ?? '0000000000000000'}`
  return ctx
}

/**
 * What the connection manager does without tracing (`enableTracing: false`): `x-request-id` is
 * still generated when absent (`generate_request_id`), as a plain UUID4; no B3 headers, no span.
 */
export function requestIdOnly(headers: Record<string, string>, random: () => number): undefined {
  if (!headers['x-request-id']) headers['x-request-id'] = newRequestId(random, false)
  return undefined
}
