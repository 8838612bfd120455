import { expect } from 'chai'
import { defaultMeshConfig, type MeshConfig } from '../../istio/index.js'
import { scaledClock } from '../../util/index.js'
import { MeshHooks } from '../mesh-hooks.js'
import { staticMeshSource } from '../mesh-watcher.js'
import { ReportBus, type RequestReport } from '../report.js'
import { FakeNetwork } from '../../testing/mesh/fake-network.js'
import { meshOf, testPod, testService } from '../../testing/mesh/mesh-fixtures.js'
import { proxyFeatures } from './proxy-features.js'

const reviews = testPod({ app: 'reviews', version: 'v1', ips: [] }, '10.1.0.11', 0)
const client = testPod({ app: 'productpage', version: 'v1', ips: [] }, '10.1.0.20', 0)

const MIXER = {
  mixerCheckServer: 'istio-policy.istio-system.svc.cluster.local:9091',
  mixerReportServer: 'istio-telemetry.istio-system.svc.cluster.local:9091',
}

// A mesh of two injected pods under a mesh config; what reached the app and what was reported.
function lab(mesh: Partial<MeshConfig>) {
  const m = meshOf([client, reviews, ...testService('reviews', 'default', '10.96.0.10', [reviews])])
  // No istio-policy in this mesh: the check is off so that only the report and tracing differ.
  m.meshConfig = { ...defaultMeshConfig(), disablePolicyChecks: true, ...mesh }
  const bus = new ReportBus()
  const reports: RequestReport[] = []
  bus.subscribe((r) => reports.push(r))
  const logs: string[] = []
  const metered: string[] = []
  const hooks = new MeshHooks({
    source: staticMeshSource(m),
    clock: scaledClock(0.01),
    bus,
    logs: { append: (_ns, _pod, _c, lines) => logs.push(...lines) },
    meter: (ns, pod, container, i, o) => metered.push(`${ns}/${pod}/${container} ${i} ${o}`),
  })
  const net = new FakeNetwork(hooks, () => m)
  const seen: Record<string, string>[] = []
  net.apps.set(reviews.metadata.name ?? '', (req) => {
    seen.push(req.headers)
    return { status: 200, headers: {}, body: Buffer.from('ok') }
  })
  return { net, reports, logs, seen, metered }
}

describe('proxy features (mesh config)', () => {
  it('reads enableTracing and mixerReportServer; a mesh naming no Mixer keeps its reports', () => {
    expect(proxyFeatures({ enableTracing: true, ...MIXER })).to.deep.equal({
      tracing: true,
      report: true,
    })
    expect(proxyFeatures({ enableTracing: false, ...MIXER, mixerReportServer: '' })).to.deep.equal({
      tracing: false,
      report: false,
    })
    expect(proxyFeatures(defaultMeshConfig())).to.deep.equal({ tracing: true, report: true })
  })

  it('with tracing and Mixer on, the app sees B3 headers and both proxies report with a span', async () => {
    const { net, reports, seen, metered } = lab({ enableTracing: true, ...MIXER })
    expect((await net.fetch(client, 'http://reviews:9080/')).status).to.equal(200)
    // Metered once per proxy, reports or not.
    expect(metered).to.have.length(2)
    expect(seen[0]?.['x-b3-traceid']).to.match(/^[0-9a-f]{16}$/)
    expect(seen[0]?.['x-request-id']?.[14]).to.equal('9')
    expect(reports.map((r) => r.reporter).sort()).to.deep.equal(['destination', 'source'])
    expect(reports.every((r) => r.trace !== undefined)).to.equal(true)
  })

  it('with both off, only x-request-id (an untraced UUID4) is added and nothing is reported', async () => {
    const { net, reports, logs, seen, metered } = lab({
      enableTracing: false,
      ...MIXER,
      mixerReportServer: '',
    })
    expect((await net.fetch(client, 'http://reviews:9080/')).status).to.equal(200)
    const h = seen[0]!
    expect(
      Object.keys(h).filter((k) => k.startsWith('x-b3-') || k === 'x-ot-span-context')
    ).to.deep.equal([])
    expect(h['x-request-id']).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
    expect(reports).to.deep.equal([])
    // The access log does not depend on Mixer: both proxies still write their line.
    expect(logs).to.have.length(2)
    expect(logs[0]).to.include(h['x-request-id'])
    // Nor does the proxies' CPU (the kubelet's meter): each counts the request it handled.
    expect(metered.sort()).to.deep.equal([
      `default/${client.metadata.name}/istio-proxy 0 2`,
      `default/${reviews.metadata.name}/istio-proxy 0 2`,
    ])
  })

  it('keeps a caller-given x-request-id when tracing is off', async () => {
    const { net, seen } = lab({ enableTracing: false, ...MIXER })
    const id = '1ad2de20-806e-9622-949a-bd1d9735a3f4'
    await net.fetch(client, 'http://reviews:9080/', { 'x-request-id': id })
    expect(seen[0]?.['x-request-id']).to.equal(id)
  })

  it('reports without a span when only tracing is off, and with spans when only Mixer is off', async () => {
    const noTrace = lab({ enableTracing: false, ...MIXER })
    await noTrace.net.fetch(client, 'http://reviews:9080/')
    expect(noTrace.reports).to.have.length(2)
    expect(noTrace.reports.map((r) => r.trace)).to.deep.equal([undefined, undefined])
    const noMixer = lab({ enableTracing: true, ...MIXER, mixerReportServer: '' })
    await noMixer.net.fetch(client, 'http://reviews:9080/')
    expect(noMixer.reports).to.have.length(2)
    expect(noMixer.reports.every((r) => r.trace !== undefined)).to.equal(true)
    // Made for the tracer only: marked so that Mixer never counts them.
    expect(noMixer.reports.map((r) => r.mixer)).to.deep.equal([false, false])
    expect(noTrace.reports.map((r) => r.mixer)).to.deep.equal([undefined, undefined])
  })
})
