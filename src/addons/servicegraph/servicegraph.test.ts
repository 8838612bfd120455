import { readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'chai'
import type { HttpRequest } from '../../network/index.js'
import { storeSource } from '../promql/metrics-source.js'
import { TelemetryStore } from '../telemetry/telemetry-store.js'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { servicegraphServe } from './servicegraph-server.js'
import type { Graph } from './service-graph.js'

const golden = new URL('./testdata/graph.golden.json', import.meta.url)
const t0 = 1_700_000_000_000
const now = t0 + 60_000

function source() {
  const store = new TelemetryStore()
  const edge = workload('unknown')
  const gw = workload('msb-iag')
  const mc = workload('multicloud')
  const vfc = workload('vfc-nslcm')
  for (let i = 0; i < 12; i++) {
    const [, d] = callReports({ from: edge, to: gw, service: 'msb-iag', startMs: t0 + i * 1000 })
    if (d) store.ingest(d)
    for (const r of callReports({
      from: gw,
      to: mc,
      service: 'multicloud',
      startMs: t0 + i * 1000,
    }))
      store.ingest(r)
  }
  // An old call, outside a 1m horizon.
  for (const r of callReports({ from: gw, to: vfc, service: 'vfc-nslcm', startMs: t0 - 120_000 }))
    store.ingest(r)
  return storeSource(store, () => now)
}

const get = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'servicegraph:8088',
  headers: {},
  body: Buffer.alloc(0),
})
const serve = async (path: string) => {
  const src = source()
  return servicegraphServe(() => src, get(path))
}

describe('servicegraph', () => {
  it('/graph matches the golden graph (node ids "<app> (<workload>)", reqs/sec with 6 decimals)', async () => {
    const res = await serve('/graph?time_horizon=1m')
    const text = res.body.toString()
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text)
    expect(text).to.equal(readFileSync(golden, 'utf8'))
    const g = JSON.parse(text)
    expect(g.edges).to.deep.include({
      source: 'msb-iag (msb-iag)',
      target: 'multicloud (multicloud)',
      labels: { 'reqs/sec': '0.200000' },
    })
  })
  it('filter_empty drops edges without traffic in the horizon; a longer horizon keeps them', async () => {
    const empty = JSON.parse((await serve('/graph?time_horizon=1m')).body.toString())
    expect(empty.edges.map((e: Graph['edges'][number]) => e.target)).to.include(
      'vfc-nslcm (vfc-nslcm)'
    )
    const filtered = JSON.parse(
      (await serve('/graph?time_horizon=1m&filter_empty=true')).body.toString()
    )
    expect(filtered.edges.map((e: Graph['edges'][number]) => e.target)).to.not.include(
      'vfc-nslcm (vfc-nslcm)'
    )
    const wide = JSON.parse(
      (await serve('/graph?time_horizon=5m&filter_empty=true')).body.toString()
    )
    expect(wide.edges.map((e: Graph['edges'][number]) => e.target)).to.include(
      'vfc-nslcm (vfc-nslcm)'
    )
  })
  it('/d3graph links by index, /dotgraph and /dotviz render the same edges', async () => {
    const d3 = JSON.parse(
      (await serve('/d3graph?time_horizon=1m&filter_empty=true')).body.toString()
    )
    const names = d3.nodes.map((n: { name: string }) => n.name)
    expect(
      d3.links.map(
        (l: { source: number; target: number }) => `${names[l.source]} -> ${names[l.target]}`
      )
    ).to.have.members([
      'msb-iag (msb-iag) -> multicloud (multicloud)',
      'unknown (unknown) -> msb-iag (msb-iag)',
    ])
    const dot = (await serve('/dotgraph?time_horizon=1m&filter_empty=true')).body.toString()
    expect(dot).to.contain('digraph "istio-servicegraph" {')
    expect(dot).to.contain(
      '"msb-iag_(msb-iag)" -> "multicloud_(multicloud)" [label="reqs/sec: 0.200000"];'
    )
    expect(dot).to.contain('"multicloud_(multicloud)" [label="multicloud (multicloud)"];')
    const svg = (await serve('/dotviz?time_horizon=1m&filter_empty=true')).body.toString()
    expect(svg.match(/class="edge"/g)).to.have.length(2)
    expect(svg.match(/class="node"/g)).to.have.length(3)
  })
  it('refuses a bad time_horizon as servicegraph does', async () => {
    const res = await serve('/graph?time_horizon=5q')
    expect(res.status).to.equal(500)
    expect(res.body.toString()).to.match(/^could not parse time_horizon: /)
    expect((await serve('/nope')).status).to.equal(404)
  })
})
