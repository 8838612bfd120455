import { expect } from 'chai'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import { RequestMetrics, requestLabels } from './index.js'

const path = (o: Partial<Parameters<typeof requestLabels>[1] & object> = {}) => ({
  group: '',
  version: 'v1',
  resource: 'pods',
  legacyWatch: false,
  ...o,
})

describe('requestLabels()', () => {
  it('names verbs and scopes as kube-apiserver 1.11 does', () => {
    expect(requestLabels('GET', path({ namespace: 'onap' }), '', null)).to.deep.equal({
      verb: 'LIST',
      resource: 'pods',
      subresource: '',
      scope: 'namespace',
    })
    expect(requestLabels('GET', path(), '', 'true').verb).to.equal('WATCH')
    expect(requestLabels('GET', path(), '', 'True').verb).to.equal('WATCH')
    expect(requestLabels('GET', path(), '', 'false').verb).to.equal('LIST')
    expect(requestLabels('GET', path(), '', '0').scope).to.equal('cluster')
    expect(requestLabels('GET', path({ legacyWatch: true }), '', null).verb).to.equal('WATCH')
    expect(requestLabels('POST', path({ namespace: 'a' }), '', null).verb).to.equal('CREATE')
    expect(requestLabels('PUT', path({ name: 'n', resource: 'nodes' }), '', null)).to.include({
      verb: 'UPDATE',
      scope: 'resource',
    })
    expect(requestLabels('DELETE', path({ namespace: 'a' }), '', null).verb).to.equal(
      'DELETECOLLECTION'
    )
    const ns = requestLabels('DELETE', path({ resource: 'namespaces', name: 'onap' }), '', null)
    expect(ns).to.include({ verb: 'DELETE', scope: 'namespace' })
    const log = path({ namespace: 'a', name: 'p', subresource: 'log' })
    expect(requestLabels('GET', log, '', null)).to.include({ verb: 'GET', subresource: 'log' })
  })

  it('labels a non-resource request with its path as subresource and no scope', () => {
    expect(requestLabels('GET', undefined, '/version', null)).to.deep.equal({
      verb: 'GET',
      resource: '',
      subresource: '/version',
      scope: '',
    })
  })
})

describe('RequestMetrics', () => {
  it('renders counters and latency series that Prometheus parses', () => {
    const m = new RequestMetrics()
    const base = { client: 'kubectl/v1.33.9', contentType: 'application/json', code: 200 }
    const labels = requestLabels('GET', path({ namespace: 'onap' }), '', null)
    m.record({ ...labels, ...base, elapsedMs: 0.2 })
    m.record({ ...labels, ...base, elapsedMs: 300 })
    m.record({ ...labels, ...base, code: 404, client: 'Mozilla/5.0', elapsedMs: 1 })
    const text = m.render()
    const families = parsePrometheusTextFormat(text)
    const count = families.find((f) => f.name === 'apiserver_request_count')!
    expect(count.type).to.equal('COUNTER')
    const ok = count.metrics.find((s) => s.labels?.['code'] === '200')!
    expect(ok).to.deep.equal({
      value: '2',
      labels: {
        client: 'kubectl/v1.33.9',
        code: '200',
        contentType: 'application/json',
        resource: 'pods',
        scope: 'namespace',
        subresource: '',
        verb: 'LIST',
      },
    })
    const browser = count.metrics.find((s) => s.labels?.['code'] === '404')!
    expect(browser.labels?.['client']).to.equal('Browser')
    expect(text).to.contain(
      'apiserver_request_latencies_bucket{resource="pods",scope="namespace",subresource="",verb="LIST",le="125000"} 2'
    )
    expect(text).to.contain('le="1e+06"} 3')
    expect(text).to.contain(
      'apiserver_request_latencies_count{resource="pods",scope="namespace",subresource="",verb="LIST"} 3'
    )
    const summary = families.find((f) => f.name === 'apiserver_request_latencies_summary')!
    expect(summary.type).to.equal('SUMMARY')
  })

  it('renders only the headers before any request', () => {
    const text = new RequestMetrics().render()
    expect(text).to.not.match(/^apiserver_request_count\{/m)
    expect(text).to.contain('# TYPE apiserver_request_count counter')
  })
})
