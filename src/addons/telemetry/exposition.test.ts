import { readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'chai'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { renderExposition } from './exposition.js'
import { goFloat } from './go-float.js'
import { httpLabelNames } from './istio-metrics.js'
import { TelemetryStore } from './telemetry-store.js'

const golden = new URL('./testdata/exposition.golden.txt', import.meta.url)

function storeWithTraffic(): TelemetryStore {
  const store = new TelemetryStore()
  const iag = workload('msb-iag', 'onap', '10.1.1.5')
  const mc = workload('multicloud', 'onap', '10.1.1.6')
  for (let i = 0; i < 3; i++)
    for (const r of callReports({
      from: iag,
      to: mc,
      service: 'multicloud',
      startMs: 1000 + i,
      durationMs: 7,
    }))
      store.ingest(r)
  for (const r of callReports({
    from: iag,
    to: mc,
    service: 'multicloud',
    status: 503,
    startMs: 2000,
    durationMs: 3000,
  }))
    store.ingest(r)
  return store
}

describe('goFloat()', () => {
  it('prints floats as Go %v does', () => {
    const cases: [number, string][] = [
      [0.005, '0.005'],
      [1, '1'],
      [2.5, '2.5'],
      [100000, '100000'],
      [1e6, '1e+06'],
      [1e8, '1e+08'],
      [0.00001, '1e-05'],
      [Infinity, '+Inf'],
      [1234567, '1.234567e+06'],
    ]
    for (const [v, s] of cases) expect(goFloat(v), String(v)).to.equal(s)
  })
})

describe('renderExposition()', () => {
  it('matches the golden exposition', () => {
    const text = renderExposition(storeWithTraffic())
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text)
    expect(text).to.equal(readFileSync(golden, 'utf8'))
  })

  it('parses back with a Prometheus text parser: names, 17 labels, buckets, double counting', () => {
    const families = parsePrometheusTextFormat(renderExposition(storeWithTraffic()))
    expect(families.map((f) => f.name)).to.deep.equal([
      'istio_request_bytes',
      'istio_request_duration_seconds',
      'istio_requests_total',
      'istio_response_bytes',
    ])
    const total = families.find((f) => f.name === 'istio_requests_total')
    expect(total?.type).to.equal('COUNTER')
    expect(total?.help).to.equal('requests_total')
    for (const m of total?.metrics ?? [])
      expect(Object.keys(m.labels ?? {})).to.have.members([...httpLabelNames])
    const value = (reporter: string, code: string) =>
      Number(
        total?.metrics.find(
          (m) => m.labels?.reporter === reporter && m.labels.response_code === code
        )?.value
      )
    expect(value('destination', '200')).to.equal(3)
    expect(value('source', '200')).to.equal(3)
    expect(value('destination', '503')).to.equal(1)
    const dst = total?.metrics.find((m) => m.labels?.reporter === 'destination')
    expect(dst?.labels?.destination_service).to.equal('multicloud.onap.svc.cluster.local')
    expect(dst?.labels?.connection_security_policy).to.equal('none')
    const src = total?.metrics.find((m) => m.labels?.reporter === 'source')
    expect(src?.labels?.connection_security_policy).to.equal('unknown')

    // The package flattens only unlabelled histograms, so read the series with TYPE lines removed:
    // then `_bucket`, `_sum` and `_count` come back as families of their own with every label.
    const untyped = parsePrometheusTextFormat(
      renderExposition(storeWithTraffic()).replace(/^# TYPE .*\n/gm, '')
    )
    const series = (name: string) =>
      untyped.filter((f) => f.name === name).flatMap((f) => f.metrics)
    expect(families.find((f) => f.name === 'istio_request_duration_seconds')?.type).to.equal(
      'HISTOGRAM'
    )
    const slow = series('istio_request_duration_seconds_bucket').filter(
      (m) => m.labels?.reporter === 'destination' && m.labels.response_code === '503'
    )
    expect(slow.map((m) => m.labels?.le)).to.deep.equal([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ])
    expect(slow.map((m) => m.value)).to.deep.equal([
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
      '1',
      '1',
    ])
    const count = series('istio_request_duration_seconds_count').find(
      (m) => m.labels?.reporter === 'destination' && m.labels.response_code === '503'
    )
    expect(count?.value).to.equal('1')
    expect(Object.keys(count?.labels ?? {})).to.have.members([...httpLabelNames])
    const sizes = series('istio_response_bytes_bucket').filter(
      (m) => m.labels?.reporter === 'source'
    )
    expect([...new Set(sizes.map((m) => m.labels?.le))]).to.deep.equal([
      '1',
      '10',
      '100',
      '1000',
      '10000',
      '100000',
      '1e+06',
      '1e+07',
      '1e+08',
      '+Inf',
    ])
  })

  it('leaves unknown fallbacks for traffic from outside the mesh and is empty before traffic', () => {
    const store = new TelemetryStore()
    expect(renderExposition(store)).to.equal('')
    const [, dst] = callReports({
      from: workload('unknown'),
      to: workload('multicloud'),
      service: 'multicloud',
      startMs: 1,
    })
    if (dst) store.ingest(dst)
    const [total] = parsePrometheusTextFormat(renderExposition(store)).filter(
      (f) => f.name === 'istio_requests_total'
    )
    expect(total?.metrics[0]?.labels?.source_workload).to.equal('unknown')
    expect(total?.metrics[0]?.labels?.source_principal).to.equal('unknown')
    expect(total?.metrics).to.have.length(1)
  })
})
