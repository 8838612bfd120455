import { expect } from 'chai'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { KubeClient } from '../src/client/index.js'
import type { HttpResponse, PodNetwork } from '../src/network/index.js'
import { prometheusAvailable, renderExposition, TelemetryStore } from '../src/addons/index.js'
import { istioDashboards } from '../src/addons/dashboard/istio-dashboards.js'
import {
  startPrometheus,
  type RunningPrometheus,
} from '../src/addons/prometheus/prometheus-runner.js'
import { callReports, workload } from '../src/testing/addons/synthetic-reports.js'

// The mesh dashboard's workload table against Debian's real Prometheus, after a burst of traffic
// that ended: every workload with traffic keeps its latency and success rate for the minute
// (with `irate` they turned N/A as soon as two scrapes in a row saw no new request).
const telemetryIp = '10.1.2.3'

function network(store: TelemetryStore): PodNetwork {
  return {
    fetch: async (_o, url): Promise<HttpResponse> => {
      const u = new URL(url)
      if (u.hostname !== telemetryIp || u.port !== '42422')
        return { status: 404, headers: {}, body: Buffer.from('404 page not found\n') }
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; version=0.0.4' },
        body: Buffer.from(renderExposition(store)),
      }
    },
  }
}

const endpoints = [
  {
    metadata: { name: 'istio-telemetry', namespace: 'istio-system' },
    subsets: [{ addresses: [{ ip: telemetryIp }], ports: [{ name: 'prometheus', port: 42422 }] }],
  },
]
const notFound = () => Promise.reject(new Error('not found'))
const kube = {
  list: async (ref: { resource: string }) => ({
    items:
      ref.resource === 'endpoints' || ref.resource === 'services'
        ? endpoints.map((e) => ({
            ...e,
            subsets: ref.resource === 'services' ? undefined : e.subsets,
          }))
        : [],
  }),
  get: notFound,
} as unknown as KubeClient

type Result = { metric: Record<string, string>; value: [number, string] }

async function query(url: string, q: string): Promise<Result[]> {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`)
  const body = (await res.json()) as { status: string; data: { result: Result[] }; error?: string }
  if (body.status !== 'success') throw new Error(`query failed: ${body.error ?? res.status}`)
  return body.data.result
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, ms = 40_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

describe('mesh dashboard workload table on the real Prometheus', function () {
  this.timeout(90_000)
  const parent = join('test-output', 'dashboard-prometheus')
  let prom: RunningPrometheus | undefined
  before(function () {
    if (!prometheusAvailable()) {
      console.log('    (skipped: /usr/bin/prometheus is missing — apt-get install prometheus)')
      this.skip()
    }
  })
  after(async () => {
    await prom?.stop()
  })

  it('shows latency and success rate for every workload with traffic after the traffic ended', async () => {
    const store = new TelemetryStore()
    const call = (to: string, status = 200) =>
      callReports({
        from: workload('bench-client'),
        to: workload(to),
        service: to,
        status,
        startMs: Date.now(),
      }).forEach((r) => store.ingest(r))
    // The series exist before the burst (Prometheus sees the counters grow).
    call('bench-server')
    call('bench-server', 503)
    call('multicloud')
    mkdirSync(parent, { recursive: true })
    prom = await startPrometheus({ network: network(store), kube, dir: parent })
    const url = prom.url
    expect(prom.dir.startsWith(resolve(parent))).to.equal(true)
    await poll('the first scrape', async () =>
      (await query(url, 'istio_requests_total')).length ? true : undefined
    )
    for (let i = 0; i < 20; i++) call('bench-server', i % 4 === 0 ? 503 : 200)
    for (let i = 0; i < 10; i++) call('multicloud')
    // The burst is over once two scrapes in a row saw the same counters.
    await poll('two scrapes after the burst', async () => {
      const growing = await query(
        url,
        'sum(rate(istio_requests_total{reporter="destination"}[1m]))'
      )
      const now = await query(url, 'sum(irate(istio_requests_total{reporter="destination"}[1m]))')
      return Number(growing[0]?.value[1]) > 0 && Number(now[0]?.value[1]) === 0 ? true : undefined
    })
    const table = istioDashboards[0]!.panels.find((p) => p.kind === 'workloads')!
    const cols = await Promise.all(table.targets.map((t) => query(url, t.expr)))
    const key = (m: Record<string, string>) =>
      `${m.destination_workload}.${m.destination_workload_namespace}`
    const rows = cols[0]!.map((r) => key(r.metric)).sort()
    expect(rows).to.deep.equal(['bench-server.onap', 'multicloud.onap'])
    for (const [i, t] of table.targets.entries()) {
      if (i === 0) continue
      const cells = new Map(cols[i]!.map((r) => [key(r.metric), Number(r.value[1])]))
      for (const row of rows)
        expect(
          Number.isFinite(cells.get(row)),
          `${t.legend} of ${row}: ${cells.get(row)}`
        ).to.equal(true)
    }
    const success = new Map(cols[4]!.map((r) => [key(r.metric), Number(r.value[1])]))
    expect(success.get('multicloud.onap')).to.equal(1)
    expect(success.get('bench-server.onap')).to.be.within(0.7, 0.8)
  })

  it('keeps its data under the given directory and removes it on stop', async () => {
    const dir = prom?.dir ?? ''
    expect(existsSync(join(dir, 'data'))).to.equal(true)
    await prom?.stop()
    prom = undefined
    expect(existsSync(dir)).to.equal(false)
    expect(readdirSync(parent)).to.deep.equal([])
  })
})
