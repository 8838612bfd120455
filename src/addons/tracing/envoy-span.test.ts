import { expect } from 'chai'
import { jsonRequest, type HttpRequest } from '../../network/index.js'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import type { RequestReport } from '../mesh-types.js'
import { EnvoySpan } from './envoy-span.js'
import { jaegerQuery } from './jaeger-query.js'
import { SpanStore } from './span-store.js'
import { fromZipkinV1 } from './stored-span.js'
import { ZipkinBatch } from './zipkin-batch.js'
import { zipkinCollector } from './zipkin-collector.js'
import { LengthSink, TextSink, writeSpan } from './zipkin-json.js'

const t0 = 1_700_000_000_000.25
const iag = workload('msb-iag', 'onap', '10.1.1.5')
const mc = workload('multicloud', 'onap', '10.1.1.6')

/** The reports of one call msb-iag → multicloud, with `change` applied to both. */
function reports(change: Partial<RequestReport> = {}, ids = {}): RequestReport[] {
  return callReports({
    from: iag,
    to: mc,
    service: 'multicloud',
    startMs: t0,
    durationMs: 12.5,
    traceId: '824fbd828d809bf4',
    parentSpanId: '824fbd828d809bf4',
    spanId: '0a1b2c3d4e5f6071',
    path: '/api/multicloud/v0/swagger.json',
    ...ids,
  }).map((r) => ({ ...r, ...change }))
}

// Reports whose strings JSON must escape or encode in several bytes, and Envoy's odd cases.
const awkward: RequestReport[] = [
  ...reports(),
  ...reports({ userAgent: 'curl "quoted" \\ back\\slash', responseCode: 503, responseFlags: 'UO' }),
  ...reports({ path: '/ünïcödé/€/𝄞?q=\u0001\t\n', userAgent: '' }),
  ...reports({ host: 'lone\ud800surrogate', responseCode: 0, requestBytes: 12345 }),
  ...reports({ durationMs: 0, operation: '' }),
  ...reports({ nodeId: '', requestId: '', method: '', requestBytes: -1, responseBytes: 1.5 }),
  ...reports({ startMs: 1e21, responseBytes: 2 ** 53 + 2, upstreamCluster: '' }),
  ...reports({ startMs: 1e12, durationMs: 0.001, responseBytes: 1e15 - 1, requestBytes: 10 }),
  ...reports({}, { parentSpanId: undefined, spanId: '824fbd828d809bf4' }),
]

const spansOf = (rs: RequestReport[]) =>
  rs.map((r) => EnvoySpan.of(r)).filter((s): s is EnvoySpan => s !== undefined)

const head = {
  method: 'POST',
  path: '/api/v1/spans',
  authority: 'zipkin.istio-system:9411',
  headers: { 'content-type': 'application/json' },
}
const bytesPost = (body: Buffer): HttpRequest => ({ ...head, body })
const get = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'tracing',
  headers: {},
  body: Buffer.alloc(0),
})

describe('EnvoySpan', () => {
  it('writes exactly JSON.stringify of its Zipkin v1 value, and counts its UTF-8 bytes', () => {
    const spans = spansOf(awkward)
    expect(spans).to.have.length(awkward.length)
    for (const s of spans) {
      const want = JSON.stringify(s.toZipkinV1())
      const text = new TextSink()
      writeSpan(s, text)
      expect(text.text).to.equal(want)
      const length = new LengthSink()
      writeSpan(s, length)
      expect(length.bytes).to.equal(Buffer.byteLength(want, 'utf8'))
    }
  })

  it('reads as what the collector makes of its JSON; untraced requests make none', () => {
    for (const s of spansOf(awkward)) {
      const [converted] = fromZipkinV1(JSON.parse(JSON.stringify([s])))
      expect(s.storable()).to.equal(true)
      expect(s.stored()).to.deep.equal(converted)
    }
    const untraced = callReports({ from: iag, to: mc, service: 'multicloud', startMs: t0 })
    expect(untraced.map((r) => EnvoySpan.of(r))).to.deep.equal([undefined, undefined])
  })

  it('is not kept as it is when its ids need converting (upper case) or are no hex ids', () => {
    const [upper] = spansOf(reports({}, { traceId: 'ABCDEF0123456789' }))
    expect(upper?.storable()).to.equal(false)
    const [bad] = spansOf(reports({}, { traceId: 'not-hex' }))
    expect(bad?.storable()).to.equal(false)
  })
})

describe('ZipkinBatch (the proxies’ POST body)', () => {
  it('is a lazily written body: its length without the text, its bytes the Zipkin v1 JSON', () => {
    const batch = new ZipkinBatch(spansOf(awkward))
    const req = jsonRequest(head, batch)
    const want = Buffer.from(JSON.stringify(batch.spans.map((s) => s.toZipkinV1())))
    expect(req.bodyLength).to.equal(want.length)
    expect(req.body.equals(want)).to.equal(true)
    expect(req.bodyLength).to.equal(want.length)
    // Replaced bytes are what count.
    req.body = Buffer.from('[]')
    expect([req.bodyLength, req.json]).to.deep.equal([2, undefined])
  })

  it('the collector keeps the spans of an in-lab POST: every query answers as for its bytes', () => {
    const batch = new ZipkinBatch(spansOf(awkward))
    const fast = new SpanStore()
    const slow = new SpanStore()
    expect(zipkinCollector(fast, jsonRequest(head, batch))?.status).to.equal(202)
    const bytes = jsonRequest(head, batch).body
    expect(zipkinCollector(slow, bytesPost(bytes))?.status).to.equal(202)
    expect(fast.dump()).to.deep.equal(slow.dump())
    const end = Math.round(t0 * 1000) + 1e6
    for (const path of [
      '/api/services',
      '/api/services/multicloud/operations',
      `/api/traces?service=multicloud&end=${end}`,
      `/api/traces?service=msb-iag&end=${end}&tag=http.status_code:503`,
      `/api/traces?service=msb-iag&end=${end}&minDuration=1ms&limit=1`,
      '/api/traces/824fbd828d809bf4',
      '/api/dependencies',
    ]) {
      const a = jaegerQuery(fast, get(path), t0)?.body.toString()
      expect(a, path).to.equal(jaegerQuery(slow, get(path), t0)?.body.toString())
      expect(a, path).to.not.match(/"data":(null|\[\])/)
    }
  })

  it('converts a batch whose ids need it, and refuses one with a bad id, as for its bytes', () => {
    const upper = new ZipkinBatch(spansOf(reports({}, { traceId: 'ABCDEF0123456789' })))
    const store = new SpanStore()
    expect(zipkinCollector(store, jsonRequest(head, upper))?.status).to.equal(202)
    expect(store.dump().map((s) => s.traceId)).to.deep.equal([
      'abcdef0123456789',
      'abcdef0123456789',
    ])
    const bad = new ZipkinBatch(spansOf(reports({}, { traceId: 'not-hex' })))
    const fast = zipkinCollector(new SpanStore(), jsonRequest(head, bad))
    const slow = zipkinCollector(new SpanStore(), bytesPost(jsonRequest(head, bad).body))
    expect(fast?.status).to.equal(400)
    expect(fast?.body.toString()).to.equal(slow?.body.toString())
  })

  it('a store of kept spans dumps plain data that a new store loads to the same answers', () => {
    const a = new SpanStore()
    zipkinCollector(a, jsonRequest(head, new ZipkinBatch(spansOf(awkward))))
    const b = new SpanStore()
    b.load(JSON.parse(JSON.stringify(a.dump())) as ReturnType<SpanStore['dump']>)
    expect(JSON.stringify(b.dump())).to.equal(JSON.stringify(a.dump()))
    const path = '/api/traces/824fbd828d809bf4'
    expect(jaegerQuery(b, get(path), t0)?.body.toString()).to.equal(
      jaegerQuery(a, get(path), t0)?.body.toString()
    )
    expect(a.dump().every((s) => !(s instanceof EnvoySpan))).to.equal(true)
  })
})
