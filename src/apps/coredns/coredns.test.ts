import { expect } from 'chai'
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format'
import { resolvePodName, watchDnsQueries } from '../../network/cluster-dns.js'
import { ServiceTable } from '../../network/service-table.js'
import { startFakeApp } from '../../testing/apps/app-helpers.js'
import { endpoints, service } from '../../testing/network/objects.js'
import { corednsApp } from './coredns-app.js'
import { CorednsMetrics, sizeBuckets, timeBuckets } from './coredns-metrics.js'
import { answerSize, nameWireLength, querySize } from './dns-wire.js'

const DNS_A = '10.244.0.2'
const DNS_B = '10.244.1.3'

/** A cluster with kube-dns (two CoreDNS pods) and multicloud in onap, its queries counted. */
function cluster(random: () => number) {
  const table = new ServiceTable()
  table.setService(
    service('kube-dns', '10.96.0.10', [{ name: 'dns', port: 53 }], { namespace: 'kube-system' })
  )
  table.setEndpoints(
    endpoints('kube-dns', [DNS_A, DNS_B], [{ name: 'dns', port: 53 }], {
      namespace: 'kube-system',
    })
  )
  table.setService(service('multicloud', '10.96.0.20', [{ port: 80 }], { namespace: 'onap' }))
  const metrics = new CorednsMetrics()
  const stop = watchDnsQueries(table, (q) => metrics.observe(q), random)
  return { table, metrics, stop }
}

const family = (text: string, name: string): ParsedFamily | undefined =>
  parsePrometheusTextFormat(text).find((f) => f.name === name)
const byLabel = (f: ParsedFamily | undefined, label: string) =>
  Object.fromEntries((f?.metrics ?? []).map((m) => [m.labels?.[label] ?? '', Number(m.value)]))

describe('CoreDNS metrics over the cluster DNS', () => {
  it('counts each query on the pod it went to, per type and rcode (Prometheus text format)', () => {
    const { table, metrics } = cluster(() => 0)
    expect(resolvePodName('multicloud', 'onap', table)).to.deep.equal(['10.96.0.20'])
    // Negative: an unknown name walks the 3 search domains and the name itself, all NXDOMAIN.
    expect(resolvePodName('no-such-service', 'onap', table)).to.equal(undefined)
    // An IPv4 literal asks nothing.
    expect(resolvePodName('10.1.2.3', 'onap', table)).to.deep.equal(['10.1.2.3'])
    const text = metrics.exposition(DNS_A)
    const requests = family(text, 'coredns_dns_request_count_total')
    expect(requests?.type).to.equal('COUNTER')
    expect(requests?.metrics).to.deep.equal([
      { labels: { family: '1', proto: 'udp', server: 'dns://:53', zone: '.' }, value: '5' },
    ])
    expect(byLabel(family(text, 'coredns_dns_request_type_count_total'), 'type')).to.deep.equal({
      A: 5,
    })
    expect(byLabel(family(text, 'coredns_dns_response_rcode_count_total'), 'rcode')).to.deep.equal({
      NOERROR: 1,
      NXDOMAIN: 4,
    })
    expect(family(text, 'coredns_dns_request_duration_seconds')?.type).to.equal('HISTOGRAM')
    // The package flattens only unlabelled histograms: read the labelled series without TYPE lines.
    const untyped = parsePrometheusTextFormat(text.replace(/^# TYPE .*\n/gm, ''))
    const series = (name: string) =>
      untyped.filter((f) => f.name === name).flatMap((f) => f.metrics)
    const le = (name: string) => series(`${name}_bucket`).map((m) => m.labels?.le)
    expect(le('coredns_dns_request_duration_seconds')).to.deep.equal([
      ...timeBuckets.map(String),
      '+Inf',
    ])
    expect(series('coredns_dns_request_duration_seconds_count')[0]).to.deep.equal({
      labels: { server: 'dns://:53', zone: '.' },
      value: '5',
    })
    expect(le('coredns_dns_response_size_bytes')).to.deep.equal([
      ...sizeBuckets.map(String),
      '+Inf',
    ])
    expect(le('coredns_dns_request_size_bytes')).to.deep.equal([...sizeBuckets.map(String), '+Inf'])
    expect(series('coredns_dns_request_size_bytes_sum')[0]?.labels).to.deep.equal({
      proto: 'udp',
      server: 'dns://:53',
      zone: '.',
    })
    const expected =
      answerSize('multicloud.onap.svc.cluster.local.', ['10.96.0.20'], 'cluster.local') +
      ['no-such-service.onap.svc.cluster.local.', 'no-such-service.svc.cluster.local.']
        .concat('no-such-service.cluster.local.', 'no-such-service.')
        .map((n) => answerSize(n, undefined, 'cluster.local'))
        .reduce((a, b) => a + b, 0)
    expect(Number(series('coredns_dns_response_size_bytes_sum')[0]?.value)).to.equal(expected)
    expect(family(text, 'coredns_panic_count_total')?.metrics[0]?.value).to.equal('0')
    // The other pod got none of them: only the panic counter, as client_golang exposes it.
    expect(parsePrometheusTextFormat(metrics.exposition(DNS_B)).map((f) => f.name)).to.deep.equal([
      'coredns_panic_count_total',
    ])
  })

  it('spreads queries over the ready CoreDNS pods, and counts none without one', () => {
    let i = 0
    const { table, metrics, stop } = cluster(() => (i++ % 2) / 2)
    for (let n = 0; n < 4; n++) resolvePodName('multicloud', 'onap', table)
    const count = (ip: string) =>
      Number(family(metrics.exposition(ip), 'coredns_dns_request_count_total')?.metrics[0]?.value)
    expect([count(DNS_A), count(DNS_B)]).to.deep.equal([2, 2])
    table.setEndpoints(
      endpoints('kube-dns', [], [{ name: 'dns', port: 53 }], { namespace: 'kube-system' })
    )
    resolvePodName('multicloud', 'onap', table)
    expect([count(DNS_A), count(DNS_B)]).to.deep.equal([2, 2])
    stop()
  })

  it('sizes the messages as DNS wire format (no compression, the zone SOA on NXDOMAIN)', () => {
    expect(nameWireLength('a.bc.')).to.equal(6)
    expect(querySize('web.default.svc.cluster.local.')).to.equal(12 + 31 + 4)
    expect(answerSize('web.default.svc.cluster.local.', ['10.96.0.10'], 'cluster.local')).to.equal(
      12 + 35 + (31 + 10 + 4)
    )
    // SOA: owner cluster.local. (15), fixed 10, ns.dns.cluster.local. (22),
    // hostmaster.cluster.local. (26), 5 numbers (20).
    expect(answerSize('nope.cluster.local.', undefined, 'cluster.local')).to.equal(
      12 + 24 + 15 + 10 + 22 + 26 + 20
    )
    expect(answerSize('nope.', undefined, 'cluster.local')).to.equal(12 + 10)
  })
})

describe('coredns app', () => {
  it('serves this pod’s metrics on :9153 and OK on :8080/health; other paths 404', async () => {
    const { table, metrics } = cluster(() => 0)
    resolvePodName('multicloud', 'onap', table)
    const app = startFakeApp(corednsApp(metrics), {
      name: 'coredns',
      ip: DNS_A,
      fetch: () => Promise.reject(new Error('no fetch')),
    })
    const at = (port: number, path: string) =>
      app.inst.handle!(
        { method: 'GET', path, authority: DNS_A, headers: {}, body: Buffer.alloc(0) },
        { ...app.ctx, port }
      )
    const m = await at(9153, '/metrics')
    expect(m.status).to.equal(200)
    expect(m.headers['content-type']).to.equal('text/plain; version=0.0.4; charset=utf-8')
    expect(m.body.toString()).to.include('coredns_dns_request_count_total{')
    const health = await at(8080, '/health')
    expect([health.status, health.body.toString()]).to.deep.equal([200, 'OK'])
    expect((await at(8080, '/metrics')).status).to.equal(404)
    expect((await at(9153, '/health')).status).to.equal(404)
  })
})
