/**
 * Jaeger 1.5's Zipkin-compatible collector on :9411 (`cmd/collector/app/zipkin/http_handler.go`):
 * `POST /api/v1/spans` (Zipkin v1 JSON, what Envoy 1.0 sends) and `POST /api/v2/spans` (v2 JSON),
 * both answered 202.
 */
import type { HttpRequest, HttpResponse } from '../../network/index.js'
import { parseTarget, textError } from '../http-reply.js'
import type { SpanStore } from './span-store.js'
import { fromZipkinV1, fromZipkinV2, type StoredSpan } from './stored-span.js'
import { decodeZipkinBody } from './zipkin-body.js'
import { ZipkinBatch } from './zipkin-batch.js'

const SPAN_PATHS = new Set(['/api/v1/spans', '/api/v2/spans'])

/** Answers one collector request; undefined when the path is not the collector's. */
export function zipkinCollector(store: SpanStore, req: HttpRequest): HttpResponse | undefined {
  // The proxies' POSTs name the path exactly: no URL to parse for them.
  const pathname = SPAN_PATHS.has(req.path) ? req.path : parseTarget(req).pathname
  const version = pathname === '/api/v1/spans' ? 1 : pathname === '/api/v2/spans' ? 2 : 0
  if (version === 0) return undefined
  if (req.method !== 'POST') return textError(405, '405 method not allowed')
  const header = req.headers['content-type'] ?? ''
  // The proxies send exactly `application/json`: nothing to split.
  const type = header === 'application/json' ? header : (header.split(';')[0]?.trim() ?? '')
  if (type === 'application/x-thrift' && version === 1)
    return textError(400, 'Unable to process request body: the lab decodes Zipkin JSON only')
  if (type !== 'application/json' && type !== '') return textError(400, 'Unsupported Content-Type')
  let spans: readonly StoredSpan[]
  try {
    // An in-lab proxy's POST carries its spans as a value (`jsonRequest`): no bytes to parse.
    const body = req.json !== undefined ? req.json : decodeZipkinBody(req.body)
    if (version === 1 && body instanceof ZipkinBatch) spans = storedBatch(body)
    else spans = version === 1 ? fromZipkinV1(body) : fromZipkinV2(body)
  } catch (err) {
    return textError(400, `Unable to process request body: ${(err as Error).message}`)
  }
  store.add(spans)
  return accepted()
}

const EMPTY = Buffer.alloc(0)

// `reply(202, '', 'text/plain; charset=utf-8')`, made without converting an empty string.
const accepted = (): HttpResponse => ({
  status: 202,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': '0' },
  body: EMPTY,
})

/**
 * Returns what converting a proxy batch's Zipkin v1 JSON gives: the spans themselves when their
 * ids need no conversion (the store reads their fields), else the conversion of their JSON value.
 */
function storedBatch(b: ZipkinBatch): readonly StoredSpan[] {
  return b.spans.every((s) => s.storable())
    ? b.spans
    : fromZipkinV1(b.toJSON().map((s) => s.toZipkinV1()))
}
