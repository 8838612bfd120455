import { expect } from 'chai'
import { SpanStore } from '../tracing/span-store.js'
import { fromZipkinV1 } from '../tracing/stored-span.js'
import { spanFromReport } from '../tracing/zipkin-v1.js'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { TelemetryStore } from './telemetry-store.js'

const reports = [
  ...callReports({
    from: workload('msb-iag'),
    to: workload('multicloud'),
    service: 'multicloud',
    startMs: 1000,
    traceId: '0000000000000001',
    spanId: '0000000000000001',
  }),
  ...callReports({
    from: workload('msb-iag'),
    to: workload('multicloud'),
    service: 'multicloud',
    startMs: 2000,
    traceId: '0000000000000002',
    spanId: '0000000000000002',
    status: 503,
    durationMs: 300,
  }),
]

describe('TelemetryStore.dump() and load()', () => {
  it('carry the series, the observations and the report count into another store', () => {
    const a = new TelemetryStore()
    for (const r of reports) a.ingest(r)
    const b = new TelemetryStore()
    b.load(JSON.parse(JSON.stringify(a.dump())) as ReturnType<TelemetryStore['dump']>)
    expect(b.families()).to.deep.equal(a.families())
    expect(b.observationsIn(0, 10_000)).to.deep.equal(a.observationsIn(0, 10_000))
    expect(b.reportsReceived).to.equal(4)
    // The loaded store goes on counting.
    b.ingest(reports[0]!)
    const requests = (s: TelemetryStore) =>
      s
        .families()
        .find((f) => f.def.name === 'istio_requests_total')!
        .series.reduce((n, x) => n + x.count, 0)
    expect(requests(b)).to.equal(requests(a) + 1)
  })

  it('refuses a dump naming a metric it does not have, and keeps what it held', () => {
    const a = new TelemetryStore()
    a.ingest(reports[0]!)
    const bad = { ...a.dump(), series: { istio_nonsense_total: [] } }
    expect(() => a.load(bad)).to.throw('failed to load telemetry: no metric istio_nonsense_total')
    expect(a.reportsReceived).to.equal(1)
  })
})

describe('SpanStore.dump() and load()', () => {
  it('carry every kept span into another store, which answers the same traces', () => {
    const a = new SpanStore()
    const spans = reports.map((r) => spanFromReport(r)).filter((s) => s !== undefined)
    expect(spans.length).to.equal(4)
    a.add(fromZipkinV1(spans))
    const b = new SpanStore()
    b.load(JSON.parse(JSON.stringify(a.dump())) as ReturnType<SpanStore['dump']>)
    expect(b.dump()).to.deep.equal(JSON.parse(JSON.stringify(a.dump())))
    expect(b.spansReceived).to.equal(a.spansReceived)
  })
})
