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
import { spanJsonLength } from './zipkin-json-length.js'
import { TextSink, writeSpan } from './zipkin-json.js'

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
  // A surrogate pair split between the host and the path (each half alone is escaped), DEL.
  ...reports({ host: 'pair\ud834', path: '\udd1e/x' }),
  ...reports({ host: 'del\u007f', path: '/del\u007f' }),
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
      expect(spanJsonLength(s)).to.equal(Buffer.byteLength(want, 'utf8'))
    }
  })

  it('counts each span of a proxy anew when any of its strings changes from the last', () => {
    const self = workload('msb-iag', 'onap', '10.1.1.5')
    const base = (change: Partial<RequestReport> = {}) =>
      EnvoySpan.of({ ...reports()[0]!, source: self, ...change })!
    const bytes = (s: EnvoySpan) => Buffer.byteLength(JSON.stringify(s.toZipkinV1()), 'utf8')
    const changes: Partial<RequestReport>[] = [
      { path: '/a/longer/path' },
      { host: 'multicloud.onap' },
      { nodeId: 'sidecar~10.1.1.5~other' },
      { operation: 'other:80/*' },
      { upstreamCluster: 'outbound|8080||x' },
      { method: 'DELETE' },
      { userAgent: 'Go-http-client/1.1' },
      { responseFlags: 'UT' },
    ]
    for (const change of changes) {
      for (const s of [base(), base(change), base()])
        expect(spanJsonLength(s), JSON.stringify(change)).to.equal(bytes(s))
    }
    // The proxy's own attributes (the same object, changed).
    for (const change of [{ app: 'renamed-app' }, { ip: '10.200.100.50' }]) {
      const was = { ...self }
      for (const set of [was, change, was]) {
        Object.assign(self, set)
        const s = base()
        expect(spanJsonLength(s), JSON.stringify(set)).to.equal(bytes(s))
      }
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
    // Each id, just outside the collector's form (/^[0-9a-f]{1,32}$/): the characters around the
    // digits and a-f, 33 of them.
    for (const id of ['0123/', '0123:', '`abc', 'abcg', 'a'.repeat(33)])
      for (const ids of [{ traceId: id }, { spanId: id }, { parentSpanId: id }]) {
        const [s] = spansOf(reports({}, ids))
        expect(s?.storable(), JSON.stringify(ids)).to.equal(false)
      }
    const [longest] = spansOf(reports({}, { traceId: 'f'.repeat(32), spanId: '0' }))
    expect(longest?.storable()).to.equal(true)
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
    const accepted = {
      status: 202,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': '0' },
      body: Buffer.alloc(0),
    }
    expect(zipkinCollector(fast, jsonRequest(head, batch))).to.deep.equal(accepted)
    const bytes = jsonRequest(head, batch).body
    const withCharset = { ...head, headers: { 'content-type': 'application/json; charset=utf-8' } }
    expect(zipkinCollector(slow, { ...withCharset, body: bytes })).to.deep.equal(accepted)
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
