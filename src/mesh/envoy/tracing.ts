/**
 * What Envoy 1.0 (Zipkin driver, 100 % sampling as Pilot sets it) does to a request's trace
 * headers: `x-request-id` generated when absent (UUID4 with `9` at index 14: sampled), B3 headers
 * generated at the edge, a new child span on the client side (egress) and the shared span on
 * the server side (ingress).
 */

/** A span's B3 context. */
export interface TraceContext {
  traceId: string
  spanId: string
  parentSpanId?: string
  sampled: boolean
}

/** Returns `n` random hex digits (drawn 8 at a time). */
export function randomHex(n: number, random: () => number): string {
  let s = ''
  while (s.length < n)
    s += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
  return s.slice(0, n)
}

/** Returns a request id as Envoy's UUID utils mark a sampled request. */
export function newRequestId(random: () => number): string {
  const r = randomHex(32, random)
  const s = `${r.slice(0, 12)}4${r.slice(13, 16)}${'89ab'[Math.floor(random() * 4)]!}${r.slice(17)}`
  const id = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
  // The trace decision lives in character 14 (`9` = sampled).
  return `${id.slice(0, 14)}9${id.slice(15)}`
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
