import { expect } from 'chai'
import type { KubeClient } from '../src/client/index.js'
import type { FetchInit, HttpResponse, Origin, PodNetwork } from '../src/network/index.js'
import { prometheusAvailable, renderExposition, TelemetryStore } from '../src/addons/index.js'
import {
  startPrometheus,
  type RunningPrometheus,
} from '../src/addons/prometheus/prometheus-runner.js'
import { callReports, workload } from '../src/testing/addons/synthetic-reports.js'

// Debian's Prometheus scrapes a fake pod network through the lab's bridge: the 1.0 jobs, the
// exposition and the PromQL the page uses, checked by the real thing.
const telemetryIp = '10.1.2.3'
const policyIp = '10.1.2.4'

function fakeNetwork(store: TelemetryStore, seen: string[]): PodNetwork {
  return {
    fetch: async (_o: Origin, url: string, _i?: FetchInit): Promise<HttpResponse> => {
      seen.push(url)
      const u = new URL(url)
      const text =
        u.hostname === telemetryIp && u.port === '42422' && u.pathname === '/metrics'
          ? renderExposition(store)
          : u.port === '9093'
            ? 'process_start_time_seconds 1\n'
            : undefined
      if (text === undefined)
        return { status: 404, headers: {}, body: Buffer.from('404 page not found\n') }
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; version=0.0.4' },
        body: Buffer.from(text),
      }
    },
  }
}

const endpoints = [
  {
    metadata: { name: 'istio-telemetry', namespace: 'istio-system' },
    subsets: [
      {
        addresses: [{ ip: telemetryIp }],
        ports: [
          { name: 'prometheus', port: 42422 },
          { name: 'http-monitoring', port: 9093 },
        ],
      },
    ],
  },
  {
    metadata: { name: 'istio-policy', namespace: 'istio-system' },
    subsets: [{ addresses: [{ ip: policyIp }], ports: [{ name: 'http-monitoring', port: 9093 }] }],
  },
  {
    metadata: { name: 'prometheus', namespace: 'istio-system' },
    subsets: [
      { addresses: [{ ip: '10.1.2.9' }], ports: [{ name: 'http-prometheus', port: 9090 }] },
    ],
  },
]
const kube = { list: async () => ({ items: endpoints }) } as unknown as KubeClient

async function poll<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe('real Prometheus behind the lab (addons)', function () {
  this.timeout(60_000)
  let prom: RunningPrometheus | undefined
  const store = new TelemetryStore()
  const seen: string[] = []
  before(function () {
    if (!prometheusAvailable()) {
      console.log('    (skipped: /usr/bin/prometheus is missing — apt-get install prometheus)')
      this.skip()
    }
  })
  after(async () => {
    await prom?.stop()
  })

  it('scrapes the Istio jobs through the bridge and answers the PromQL of the dashboards', async () => {
    const now = Date.now()
    for (let i = 0; i < 5; i++)
      for (const r of callReports({
        from: workload('msb-iag'),
        to: workload('multicloud'),
        service: 'multicloud',
        startMs: now - 1000 + i,
      }))
        store.ingest(r)
    prom = await startPrometheus({ network: fakeNetwork(store, seen), kube })
    const url = prom.url
    const targets = await poll('istio-mesh up', async () => {
      const body = (await (await fetch(`${url}/api/v1/targets`)).json()) as {
        data: { activeTargets: { labels: Record<string, string>; health: string }[] }
      }
      const t = body.data.activeTargets
      return t.some((x) => x.labels.job === 'istio-mesh' && x.health === 'up') &&
        t.some((x) => x.labels.job === 'istio-policy' && x.health === 'up')
        ? t
        : undefined
    })
    const mesh = targets.find((t) => t.labels.job === 'istio-mesh')
    expect(mesh?.labels.instance).to.equal(`${telemetryIp}:42422`)
    expect(targets.map((t) => t.labels.job)).to.not.include('pilot')
    expect(seen).to.include(`http://${telemetryIp}:42422/metrics`)
    const q =
      'sum(istio_requests_total{reporter="destination",destination_service="multicloud.onap.svc.cluster.local"}) by (destination_workload)'
    const result = await poll('the counter', async () => {
      const body = (await (
        await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`)
      ).json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] }
      }
      return body.data.result.length ? body.data.result : undefined
    })
    expect(result).to.deep.equal([
      { metric: { destination_workload: 'multicloud' }, value: [result[0]?.value[0], '5'] },
    ])
  })

  it('stops the process and the bridge cleanly', async () => {
    const url = prom?.url
    await prom?.stop()
    prom = undefined
    let refused = false
    try {
      await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) })
    } catch {
      refused = true
    }
    expect(refused).to.equal(true)
  })
})
