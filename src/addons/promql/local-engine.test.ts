import { expect } from 'chai'
import { TelemetryStore } from '../telemetry/telemetry-store.js'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { bucketQuantile, evaluateLocal } from './local-engine.js'
import { parsePromQL } from './promql-parser.js'

const t0 = 1_700_000_000_000

function store(): TelemetryStore {
  const s = new TelemetryStore()
  const iag = workload('msb-iag')
  const mc = workload('multicloud')
  for (let i = 0; i < 30; i++)
    for (const r of callReports({
      from: iag,
      to: mc,
      service: 'multicloud',
      startMs: t0 + i * 1000,
      durationMs: 20,
      status: i < 27 ? 200 : 503,
    }))
      s.ingest(r)
  return s
}

const values = (v: ReturnType<typeof evaluateLocal>) =>
  typeof v === 'number' ? [v] : v.map((s) => s.value)

describe('evaluateLocal()', () => {
  const at = t0 + 60_000
  it('computes rates per workload from the destination reporter only', () => {
    const v = evaluateLocal(
      store(),
      'sum(rate(istio_requests_total{reporter="destination"}[1m])) by (destination_workload)',
      at
    )
    expect(v).to.deep.equal([{ labels: { destination_workload: 'multicloud' }, value: 0.5 }])
  })
  it('computes the success rate (non-5xx) and the 5xx rate', () => {
    const ok = evaluateLocal(
      store(),
      'sum(rate(istio_requests_total{reporter="destination", response_code!~"5.*"}[1m])) / sum(rate(istio_requests_total{reporter="destination"}[1m]))',
      at
    )
    expect(values(ok)[0]).to.be.closeTo(0.9, 1e-9)
    const five = evaluateLocal(
      store(),
      'sum(irate(istio_requests_total{reporter="destination", response_code=~"5.*"}[1m]))',
      at
    )
    expect(values(five)[0]).to.be.closeTo(0.05, 1e-9)
    const rounded = evaluateLocal(
      store(),
      'round(sum(irate(istio_requests_total{reporter="destination"}[1m])), 0.001)',
      at
    )
    expect(values(rounded)).to.deep.equal([0.5])
  })
  it('drops empty series with > 0 and counts nothing outside the window', () => {
    const later = t0 + 10 * 60_000
    const q =
      'sum(rate(istio_requests_total{reporter="destination"}[1m])) by (source_workload, destination_workload)'
    expect(values(evaluateLocal(store(), q, later))).to.deep.equal([0])
    expect(evaluateLocal(store(), `${q} > 0`, later)).to.deep.equal([])
  })
  it('interpolates quantiles from the duration buckets', () => {
    const v = evaluateLocal(
      store(),
      'histogram_quantile(0.5, sum(rate(istio_request_duration_seconds_bucket{reporter="destination"}[1m])) by (le))',
      at
    )
    // All 30 requests took 20 ms: they sit in the (0.01, 0.025] bucket.
    expect(values(v)[0]).to.be.within(0.01, 0.025)
    expect(
      Number.isNaN(
        bucketQuantile(0.5, [
          { le: 1, count: 0 },
          { le: Infinity, count: 0 },
        ])
      )
    ).to.equal(true)
  })
  it('reads cumulative counters and rejects what it does not know', () => {
    const v = evaluateLocal(
      store(),
      'sum(istio_requests_total{destination_service="multicloud.onap.svc.cluster.local", reporter="destination"})',
      at
    )
    expect(values(v)).to.deep.equal([30])
    expect(() => evaluateLocal(store(), 'topk(1, istio_requests_total)', at)).to.throw(
      /unsupported function topk/
    )
    expect(() => parsePromQL('sum(rate(x[1m])')).to.throw(/expected \)/)
    expect(() => parsePromQL('x[5q]')).to.throw(/not a valid duration/)
  })
})
