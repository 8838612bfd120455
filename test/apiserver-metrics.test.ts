import { expect } from 'chai'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import { startTestLab, type TestLab } from './support/lab-fixture.js'

// Prometheus' kubernetes-apiservers job scrapes /metrics; kube-apiserver 1.11 names its request
// counter apiserver_request_count (apiserver_request_total came in 1.14).
describe('the API server /metrics', function () {
  this.timeout(60_000)
  let lab: TestLab

  before(async () => {
    lab = await startTestLab()
  })
  after(async () => lab.stop())

  it('counts the requests kubectl made, by verb, resource, scope, client and code', async () => {
    await lab.kubectl(['get', 'pods', '-n', 'default'])
    await lab.kubectl(['get', 'pod', 'nope', '-n', 'default'])
    const r = await lab.kubectl(['get', '--raw', '/metrics'])
    expect(r.stderr).to.equal('')
    const families = parsePrometheusTextFormat(r.stdout)
    const count = families.find((f) => f.name === 'apiserver_request_count')!
    const series: Record<string, string>[] = count.metrics.map((m) => ({
      ...(m.labels ?? {}),
      n: m.value ?? '',
    }))
    const list = series.find((s) => s['resource'] === 'pods' && s['verb'] === 'LIST')
    expect(list).to.include({ scope: 'namespace', code: '200', subresource: '' })
    expect(list!['client']).to.match(/^kubectl\/v1\.33\.\d+ /)
    const missing = series.find((s) => s['resource'] === 'pods' && s['verb'] === 'GET')
    expect(missing).to.include({ scope: 'namespace', code: '404' })
    const discovery = series.find((s) => s['subresource'] === '/api' && s['verb'] === 'GET')
    expect(discovery).to.include({ resource: '', scope: '' })
    expect(families.map((f) => f.name)).to.include.members([
      'apiserver_request_latencies',
      'apiserver_request_latencies_summary',
    ])
    expect(families.map((f) => f.name)).to.not.include('apiserver_request_total')
  })
})
