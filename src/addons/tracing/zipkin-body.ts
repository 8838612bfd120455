/**
 * The bytes of a Zipkin v1 POST as the lab's proxies send them, with a short cut for the collector:
 * a body made here remembers the spans it was serialized from, so Jaeger's handler in the same
 * process reads those instead of parsing the JSON back. Any other body (a client's, or one copied
 * or altered on the way) is parsed from its bytes.
 */
import type { ZipkinV1Span } from './zipkin-types.js'

const madeFrom = new WeakMap<Buffer, readonly ZipkinV1Span[]>()

/** Returns the Zipkin v1 JSON body of a batch (what Envoy 1.0 POSTs to `/api/v1/spans`). */
export function encodeZipkinV1(spans: readonly ZipkinV1Span[]): Buffer {
  const body = Buffer.from(JSON.stringify(spans))
  madeFrom.set(body, spans)
  return body
}

/**
 * Returns the JSON value of a collector request's body: the spans `encodeZipkinV1` serialized
 * into this very buffer, else `JSON.parse` of its bytes (throws on malformed JSON).
 */
export function decodeZipkinBody(body: Buffer): unknown {
  return madeFrom.get(body) ?? (JSON.parse(body.toString('utf8')) as unknown)
}
