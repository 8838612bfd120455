import { expect } from 'chai'
import { startAddonHarness, type AddonHarness } from '../testing/addons/addon-harness.js'
import { callReports, workload } from '../testing/addons/synthetic-reports.js'

const traffic = (h: AddonHarness, n: number, traced = true) => {
  const now = Date.now()
  for (let i = 0; i < n; i++) {
    const id = (0x1000 + i).toString(16).padStart(16, 'a')
    for (const r of callReports({
      from: workload('msb-iag'),
      to: workload('multicloud'),
      service: 'multicloud',
      startMs: now - 50 + i,
      ...(traced ? { traceId: id, spanId: id } : {}),
    }))
      h.emit(r)
  }
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('startAddons()', () => {
  let h: AddonHarness
  beforeEach(async () => {
    h = await startAddonHarness({ spanFlushIntervalMs: 100 })
  })
  afterEach(async () => {
    await h.stop()
  })

  it('serves the exposition on 42422 and self metrics on 9093 of istio-telemetry', async () => {
    traffic(h, 3)
    const text = await (await fetch(`${h.url(42422)}/metrics`)).text()
    expect(text).to.match(/^istio_requests_total\{.*reporter="destination".*\} 3$/m)
    expect(text).to.match(/^istio_requests_total\{.*reporter="source".*\} 3$/m)
    const self = await (await fetch(`${h.url(9093)}/metrics`)).text()
    expect(self).to.match(
      /^grpc_server_handled_total\{grpc_code="OK",grpc_method="Report",.*\} 6$/m
    )
  })

  it("sends the proxies' spans to the collector and shows them on the query API", async () => {
    traffic(h, 2)
    const traces = await until('two traces', async () => {
      const body = (await (
        await fetch(`${h.url(16686)}/api/traces?service=multicloud&lookback=1h`)
      ).json()) as { data: unknown[] }
      return body.data.length === 2 ? body.data : undefined
    })
    expect(traces).to.have.length(2)
    expect(h.addons.reporter.sent).to.equal(4)
    const page = await (await fetch(`${h.url(16686)}/`)).text()
    expect(page).to.contain('Find Traces')
  })

  it('keeps a record made only for its span (no mixerReportServer) out of Mixer, and traces it', async () => {
    const now = Date.now()
    const id = 'abcdef0123456789'
    const reports = callReports({
      from: workload('msb-iag'),
      to: workload('multicloud'),
      service: 'multicloud',
      startMs: now - 50,
      traceId: id,
      spanId: id,
    })
    for (const r of reports) h.emit({ ...r, mixer: false })
    await h.addons.reporter.flushAll()
    expect(h.addons.telemetry.reportsReceived).to.equal(0)
    expect(h.addons.reporter.sent).to.equal(2)
    // Negative: the same records from a proxy that reports do reach Mixer.
    for (const r of reports) h.emit(r)
    expect(h.addons.telemetry.reportsReceived).to.equal(2)
  })

  it('answers PromQL through the grafana datasource proxy and draws the graph from the lab store', async () => {
    traffic(h, 4)
    const q = encodeURIComponent(
      'sum(istio_requests_total{reporter="destination"}) by (destination_workload)'
    )
    const body = (await (
      await fetch(`${h.url(3000)}/api/datasources/proxy/1/api/v1/query?query=${q}`)
    ).json()) as { data: { result: { metric: unknown; value: [number, string] }[] } }
    expect(body.data.result.map((r) => [r.metric, r.value[1]])).to.deep.equal([
      [{ destination_workload: 'multicloud' }, '4'],
    ])
    const ds = (await (await fetch(`${h.url(3000)}/api/lab/datasource`)).json()) as { kind: string }
    expect(ds.kind).to.equal('lab-store')
    const graph = (await (await fetch(`${h.url(8088)}/graph?filter_empty=true`)).json()) as {
      edges: { source: string; target: string }[]
    }
    expect(graph.edges.map((e) => `${e.source} -> ${e.target}`)).to.deep.equal([
      'msb-iag (msb-iag) -> multicloud (multicloud)',
    ])
    const prom = await fetch(`${h.url(9090)}/api/v1/targets`)
    expect(prom.status).to.equal(503)
    expect(await prom.text()).to.contain('apt-get install prometheus')
  })

  it("loses reports while no istio-telemetry runs, and ignores Envoy's own span posts", async () => {
    await h.stop()
    h = await startAddonHarness({ telemetry: false, spanFlushIntervalMs: 100 })
    traffic(h, 3)
    expect(await (await fetch(`${h.url(42422)}/metrics`)).text()).to.equal('')
    await h.stop()
    h = await startAddonHarness({ spanFlushIntervalMs: 100 })
    const [post] = callReports({
      from: workload('msb-iag'),
      to: workload('jaeger', 'istio-system'),
      service: 'zipkin',
      startMs: Date.now(),
      path: '/api/v1/spans',
      traceId: 'abc',
    })
    if (post) h.emit(post)
    expect(await (await fetch(`${h.url(42422)}/metrics`)).text()).to.equal('')
  })
})
