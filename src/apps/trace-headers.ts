/**
 * The headers an app must copy from the request it received to the requests it makes, for a
 * trace to join up (Istio 1.0's "headers to propagate", reference §3.2).
 */
export const TRACE_HEADERS = [
  'x-request-id',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'x-ot-span-context',
] as const

/** Returns the trace headers present in a request's headers. */
export function traceHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const h of TRACE_HEADERS) if (headers[h] !== undefined) out[h] = headers[h]
  return out
}
