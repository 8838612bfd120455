import { expect } from 'chai'
import { jsonRequest, type HttpRequest } from '../../network/index.js'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { SpanStore } from './span-store.js'
import { fromZipkinV1 } from './stored-span.js'
import { decodeZipkinBody, encodeZipkinV1 } from './zipkin-body.js'
import { zipkinCollector } from './zipkin-collector.js'
import { spanFromReport, type ZipkinV1Span } from './zipkin-v1.js'

const spans = (): ZipkinV1Span[] =>
  callReports({
    from: workload('msb-iag', 'onap', '10.1.1.5'),
    to: workload('multicloud', 'onap', '10.1.1.6'),
    service: 'multicloud',
    startMs: 1_700_000_000_000.25,
    durationMs: 12.5,
    traceId: '824fbd828d809bf4',
    parentSpanId: '824fbd828d809bf4',
    spanId: '0a1b2c3d4e5f6071',
  })
    .map((r) => r && spanFromReport(r))
    .filter((s): s is ZipkinV1Span => s !== undefined)

const post = (body: Buffer): HttpRequest => ({
  method: 'POST',
  path: '/api/v1/spans',
  authority: 'zipkin.istio-system:9411',
  headers: { 'content-type': 'application/json' },
  body,
})

describe('tracing: the proxies’ Zipkin v1 bodies', () => {
  it('are the Zipkin v1 JSON of the batch, and decode to what parsing the bytes gives', () => {
    const batch = spans()
    expect(batch).to.have.length(2)
    const body = encodeZipkinV1(batch)
    expect(body.toString('utf8')).to.equal(JSON.stringify(batch))
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    expect(fromZipkinV1(decodeZipkinBody(body))).to.deep.equal(fromZipkinV1(parsed))
  })

  it('the collector stores the spans of an encoded body (202)', () => {
    const store = new SpanStore()
    expect(zipkinCollector(store, post(encodeZipkinV1(spans())))?.status).to.equal(202)
    expect(store.services()).to.include.members(['msb-iag', 'multicloud'])
  })

  it('reads any other buffer from its bytes: a copy, an altered copy, malformed JSON', () => {
    const body = encodeZipkinV1(spans())
    const copy = Buffer.from(body)
    expect(decodeZipkinBody(copy)).to.deep.equal(JSON.parse(body.toString('utf8')))
    const altered = Buffer.from(body.toString('utf8').replaceAll('multicloud', 'other-app'))
    const store = new SpanStore()
    expect(zipkinCollector(store, post(altered))?.status).to.equal(202)
    expect(store.services()).to.include('other-app').and.not.include('multicloud')
    const bad = Buffer.from(body.subarray(0, body.length - 3))
    expect(() => decodeZipkinBody(bad)).to.throw(SyntaxError)
    expect(zipkinCollector(new SpanStore(), post(bad))?.status).to.equal(400)
  })

  it('takes an in-lab POST’s spans as a value; a copy of that request is read from its bytes', () => {
    const batch = spans()
    const head = { method: 'POST', path: '/api/v1/spans', authority: 'zipkin.istio-system:9411' }
    const lazy = jsonRequest({ ...head, headers: { 'content-type': 'application/json' } }, batch)
    const store = new SpanStore()
    expect(zipkinCollector(store, lazy)?.status).to.equal(202)
    expect(store.spansReceived).to.equal(2)
    // The copy carries bytes only; altered bytes say what the collector stores.
    const copy: HttpRequest = { ...lazy }
    expect(copy.json).to.equal(undefined)
    copy.body = Buffer.from(copy.body.toString('utf8').replaceAll('multicloud', 'other-app'))
    const other = new SpanStore()
    expect(zipkinCollector(other, copy)?.status).to.equal(202)
    expect(other.services()).to.include('other-app').and.not.include('multicloud')
  })

  it('refuses a value that is not a span array, as it refuses such bytes (400)', () => {
    const head = { method: 'POST', path: '/api/v1/spans', authority: 'zipkin.istio-system:9411' }
    const req = jsonRequest({ ...head, headers: { 'content-type': 'application/json' } }, {})
    expect(zipkinCollector(new SpanStore(), req)?.status).to.equal(400)
  })
})
