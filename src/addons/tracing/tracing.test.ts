import { readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'chai'
import type { HttpRequest } from '../../network/index.js'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import type { JaegerSpan, JaegerTrace } from './jaeger-model.js'
import { jaegerQuery } from './jaeger-query.js'
import { SpanReporter } from './span-reporter.js'
import { SpanStore } from './span-store.js'
import { zipkinCollector } from './zipkin-collector.js'
import { spanFromReport, type ZipkinV1Span } from './zipkin-v1.js'

const golden = new URL('./testdata/zipkin-v1-spans.golden.json', import.meta.url)
const t0 = 1_700_000_000_000
const iag = workload('msb-iag', 'onap', '10.1.1.5')
const mc = workload('multicloud', 'onap', '10.1.1.6')

/** A request from the host to msb-iag, which calls multicloud; `forward` says whether msb-iag passes the trace on. */
function gatewayCall(forward: boolean) {
  const [, edge] = callReports({
    from: workload('unknown'),
    to: iag,
    service: 'msb-iag',
    startMs: t0,
    durationMs: 30,
    traceId: '824fbd828d809bf4',
    spanId: '824fbd828d809bf4',
  })
  const inner = forward
    ? { traceId: '824fbd828d809bf4', parentSpanId: '824fbd828d809bf4', spanId: '0a1b2c3d4e5f6071' }
    : { traceId: '5e0c1f2a3b4c5d6e', spanId: '5e0c1f2a3b4c5d6e' }
  const hop = callReports({
    from: iag,
    to: mc,
    service: 'multicloud',
    startMs: t0 + 5,
    durationMs: 20,
    ...inner,
  })
  return [edge, ...hop].filter((r) => r !== undefined)
}

const post = (path: string, body: unknown, type = 'application/json'): HttpRequest => ({
  method: 'POST',
  path,
  authority: 'zipkin.istio-system:9411',
  headers: { 'content-type': type },
  body: Buffer.from(JSON.stringify(body)),
})
const get = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'tracing',
  headers: {},
  body: Buffer.alloc(0),
})

function collect(forward: boolean): SpanStore {
  const store = new SpanStore()
  const spans = gatewayCall(forward)
    .map(spanFromReport)
    .filter((s): s is ZipkinV1Span => s !== undefined)
  expect(zipkinCollector(store, post('/api/v1/spans', spans))?.status).to.equal(202)
  return store
}

const json = (r: { body: Buffer } | undefined) =>
  JSON.parse(r?.body.toString() ?? 'null') as {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data differs per endpoint
    data: any
    errors: unknown
  }

describe('spanFromReport()', () => {
  it('makes Envoy 1.0 Zipkin v1 spans (golden)', () => {
    const spans = gatewayCall(true).map(spanFromReport)
    const text = `${JSON.stringify(spans, null, 2)}\n`
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text)
    expect(text).to.equal(readFileSync(golden, 'utf8'))
    const client = spans[1]
    expect(client?.annotations.map((a) => a.value)).to.deep.equal(['cs', 'cr'])
    expect(spans[2]?.annotations.map((a) => a.value)).to.deep.equal(['sr', 'ss'])
    const tags = Object.fromEntries(client?.binaryAnnotations.map((b) => [b.key, b.value]) ?? [])
    expect(tags).to.include({ component: 'proxy', 'http.status_code': '200', response_flags: '-' })
    expect(tags).to.not.have.property('error')
  })
  it('tags 5xx as errors and skips untraced requests', () => {
    const [src] = callReports({
      from: iag,
      to: mc,
      service: 'multicloud',
      startMs: t0,
      status: 503,
      flags: 'UO',
      traceId: 'abc',
    })
    const tags = Object.fromEntries(
      spanFromReport(src!)?.binaryAnnotations.map((b) => [b.key, b.value]) ?? []
    )
    expect(tags).to.include({ error: 'true', response_flags: 'UO' })
    const [plain] = callReports({ from: iag, to: mc, service: 'multicloud', startMs: t0 })
    expect(spanFromReport(plain!)).to.equal(undefined)
  })
})

describe('jaeger query API', () => {
  it('lists services and operations and finds one trace linking msb-iag to multicloud', () => {
    const store = collect(true)
    expect(json(jaegerQuery(store, get('/api/services'), t0)).data).to.deep.equal([
      'msb-iag',
      'multicloud',
    ])
    expect(
      json(jaegerQuery(store, get('/api/services/multicloud/operations'), t0)).data
    ).to.deep.equal(['multicloud.onap.svc.cluster.local:80/*'])
    const found = json(
      jaegerQuery(
        store,
        get(
          `/api/traces?service=multicloud&start=${t0 * 1000 - 1}&end=${t0 * 1000 + 1e6}&limit=20`
        ),
        t0
      )
    )
    expect(found.data).to.have.length(1)
    const trace = found.data[0]
    const svc = (s: JaegerSpan) => trace.processes[s.processID].serviceName
    const mcSpan = trace.spans.find((s: JaegerSpan) => svc(s) === 'multicloud')
    const parent = trace.spans.find((s: JaegerSpan) => s.spanID === mcSpan.references[0].spanID)
    expect(svc(parent)).to.equal('msb-iag')
    expect(trace.spans.map((s: JaegerSpan) => s.spanID)).to.have.length(
      new Set(trace.spans.map((s: JaegerSpan) => s.spanID)).size
    )
    const byId = json(jaegerQuery(store, get(`/api/traces/${trace.traceID}`), t0))
    expect(byId.data[0].spans).to.have.length(3)
    expect(json(jaegerQuery(store, get('/api/dependencies'), t0)).data).to.deep.equal([
      { parent: 'msb-iag', child: 'multicloud', callCount: 1 },
    ])
  })
  it('keeps two traces when msb-iag does not forward the headers', () => {
    const store = collect(false)
    const found = json(
      jaegerQuery(
        store,
        get(`/api/traces?service=multicloud&lookback=1h&end=${t0 * 1000 + 1e6}`),
        t0
      )
    )
    expect(found.data).to.have.length(1)
    expect(found.data[0].traceID).to.equal('5e0c1f2a3b4c5d6e')
    const viaGateway = json(
      jaegerQuery(store, get(`/api/traces?service=msb-iag&end=${t0 * 1000 + 1e6}`), t0)
    )
    expect(viaGateway.data.map((t: JaegerTrace) => t.traceID).sort()).to.deep.equal([
      '5e0c1f2a3b4c5d6e',
      '824fbd828d809bf4',
    ])
    expect(json(jaegerQuery(store, get('/api/dependencies'), t0)).data).to.deep.equal([
      { parent: 'msb-iag', child: 'multicloud', callCount: 1 },
    ])
  })
  it('filters by tags and duration and reports bad parameters as Jaeger does', () => {
    const store = collect(true)
    const q = (s: string) =>
      json(jaegerQuery(store, get(`/api/traces?end=${t0 * 1000 + 1e6}&${s}`), t0))
    expect(q('service=multicloud&tag=http.status_code:200').data).to.have.length(1)
    expect(
      q(`service=multicloud&tags=${encodeURIComponent('{"http.status_code":"503"}')}`).data
    ).to.have.length(0)
    expect(q('service=multicloud&minDuration=1s').data).to.have.length(0)
    expect(q('operation=x').errors).to.deep.equal([
      { code: 400, msg: "parameter 'service' is required" },
    ])
    const missing = jaegerQuery(store, get('/api/traces/ffff'), t0)
    expect(missing?.status).to.equal(404)
  })
  it('collector: v2 JSON accepted, bad content type and bad JSON refused', () => {
    const store = new SpanStore()
    const v2 = [
      {
        traceId: 'aa',
        id: 'bb',
        kind: 'SERVER',
        name: 'x',
        timestamp: 1,
        duration: 2,
        localEndpoint: { serviceName: 'svc' },
      },
    ]
    expect(zipkinCollector(store, post('/api/v2/spans', v2))?.status).to.equal(202)
    expect(store.services()).to.deep.equal(['svc'])
    expect(
      zipkinCollector(store, post('/api/v1/spans', [], 'text/plain'))?.body.toString()
    ).to.equal('Unsupported Content-Type\n')
    expect(zipkinCollector(store, post('/api/v1/spans', { not: 'an array' }))?.status).to.equal(400)
    expect(
      zipkinCollector(store, post('/api/v1/spans', [{ traceId: 'zz', id: '1' }]))?.body.toString()
    ).to.match(/span\[0\]\.traceId is not a hex id/)
  })
})

describe('SpanReporter', () => {
  it('flushes one proxy at 5 spans and the rest on flushAll()', async () => {
    const batches: number[] = []
    const rep = new SpanReporter({
      send: async (_r, batch) => void batches.push(batch.spans.length),
      flushIntervalMs: 60_000,
    })
    for (let i = 0; i < 6; i++)
      for (const r of callReports({
        from: iag,
        to: mc,
        service: 'multicloud',
        startMs: t0 + i,
        traceId: 'abc',
      }))
        rep.add(r)
    expect(batches).to.deep.equal([5, 5])
    await rep.flushAll()
    expect(batches).to.deep.equal([5, 5, 1, 1])
    rep.stop()
  })
})
