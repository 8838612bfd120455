import { expect } from 'chai'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import type { RequestReport } from '../mesh-types.js'
import { httpLabelNames, reportLabelKey, reportLabels } from './istio-metrics.js'
import { TelemetryStore } from './telemetry-store.js'

const joined = (r: RequestReport) => {
  const l = reportLabels(r)
  return httpLabelNames.map((n) => l[n]).join('\u0000')
}

describe('Istio 1.0 metric labels', () => {
  const reports = callReports({
    from: workload('msb-iag', 'onap', '10.1.1.5'),
    to: workload('multicloud', 'onap', '10.1.1.6'),
    service: 'multicloud',
    startMs: 1_700_000_000_000,
    durationMs: 3,
  }).filter((r): r is RequestReport => r !== undefined)

  it('keys a report by its 17 label values without building them, fallbacks included', () => {
    expect(reports.length).to.be.greaterThan(1)
    for (const r of reports) expect(reportLabelKey(r)).to.equal(joined(r))
    const odd: RequestReport = {
      ...reports[0]!,
      source: { ...reports[0]!.source, app: '', version: '' },
      responseCode: 0,
      connectionSecurityPolicy: '',
      requestProtocol: 'tcp',
      destinationServiceName: '',
    }
    expect(reportLabelKey(odd)).to.equal(joined(odd))
    expect(reportLabelKey(odd)).to.include('unknown')
  })

  it('gives two reports that differ in one label two series, and equal ones one', () => {
    const store = new TelemetryStore()
    const r = reports[0]!
    store.ingest(r)
    store.ingest({ ...r })
    store.ingest({ ...r, responseCode: 503 })
    const total = store.families().find((f) => f.def.name === 'istio_requests_total')!
    expect(total.series.map((s) => [s.labels.response_code, s.count])).to.have.deep.members([
      [String(r.responseCode > 0 ? r.responseCode : 200), 2],
      ['503', 1],
    ])
  })
})
