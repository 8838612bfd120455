import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'chai'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import type { KubeObject } from '../api/types.js'
import { cadvisorContainers, qosClass, renderCadvisorMetrics } from './cadvisor-metrics.js'
import { ContainerUsageMeter, CPU_MODEL } from './container-usage.js'
import { renderKubeletMetrics, statsSummary } from './kubelet-stats.js'

const golden = new URL('./testdata/cadvisor.golden.txt', import.meta.url)
const T0 = Date.parse('2026-01-01T10:00:00Z')

function pod(
  name: string,
  o: { restarts?: number; exited?: boolean; hostNetwork?: boolean; limits?: boolean } = {}
): KubeObject {
  const uid = `uid-${name}`
  const resources = o.limits
    ? { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '250m', memory: '128Mi' } }
    : { requests: { cpu: '10m' } }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'onap', uid },
    spec: {
      nodeName: 'node-1',
      ...(o.hostNetwork ? { hostNetwork: true } : {}),
      containers: [
        { name: 'app', image: 'onap/app:1.0', resources },
        { name: 'istio-proxy', image: 'gcr.io/istio-release/proxyv2:1.0.0', resources },
      ],
    },
    status: {
      startTime: '2026-01-01T10:00:00Z',
      podIP: '10.1.1.5',
      containerStatuses: [
        {
          name: 'app',
          image: 'onap/app:1.0',
          restartCount: o.restarts ?? 0,
          containerID: `docker://${'a'.repeat(63)}${o.restarts ?? 0}`,
          state: o.exited
            ? { terminated: { exitCode: 1 } }
            : { running: { startedAt: `2026-01-01T10:00:0${o.restarts ?? 0}Z` } },
        },
        {
          name: 'istio-proxy',
          image: 'gcr.io/istio-release/proxyv2:1.0.0',
          restartCount: 0,
          containerID: `docker://${'b'.repeat(64)}`,
          state: { running: { startedAt: '2026-01-01T10:00:00Z' } },
        },
      ],
    },
  }
}

/** A meter that has seen some work: 3 requests on `web`'s app, its eth0 traffic, a log. */
function busyMeter(now: { t: number }): ContainerUsageMeter {
  const m = new ContainerUsageMeter(
    (_ns, p, c) => (p === 'web' && c === 'app' ? 1000 : 0),
    () => now.t
  )
  for (let i = 0; i < 3; i++) {
    m.handled('onap', 'web', 'app', 200, 1848)
    m.handled('onap', 'web', 'istio-proxy', 200, 1848)
    m.traffic('onap', 'web', 200, 1848)
  }
  return m
}

describe('cAdvisor metrics (kubelet /metrics/cadvisor)', () => {
  it('matches the golden exposition and parses back with a Prometheus text parser', () => {
    const now = { t: T0 + 30_000 }
    const text = renderCadvisorMetrics(
      [pod('web'), pod('db', { limits: true })],
      busyMeter(now),
      now.t
    )
    mkdirSync(new URL('./testdata/', import.meta.url), { recursive: true })
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text)
    expect(text).to.equal(readFileSync(golden, 'utf8'))
    const families = parsePrometheusTextFormat(text)
    const cpu = families.find((f) => f.name === 'container_cpu_usage_seconds_total')
    expect(cpu?.type).to.equal('COUNTER')
    const app = cpu?.metrics.find(
      (m) => m.labels?.pod_name === 'web' && m.labels.container_name === 'app'
    )
    expect(Object.keys(app?.labels ?? {}).sort()).to.deep.equal([
      'container_name',
      'cpu',
      'id',
      'image',
      'name',
      'namespace',
      'pod_name',
    ])
    expect(Number(app?.value)).to.be.closeTo(
      3 * CPU_MODEL.secondsPerRequest + ((3 * 2048) / 1048576) * CPU_MODEL.secondsPerMiB,
      1e-12
    )
    const rx = families.find((f) => f.name === 'container_network_receive_bytes_total')
    expect(
      rx?.metrics.map((m) => [m.labels?.pod_name, m.labels?.container_name, m.value])
    ).to.deep.equal([
      ['web', 'POD', '600'],
      ['db', 'POD', '0'],
    ])
  })

  it('names containers as docker does and puts them in their QoS cgroup', () => {
    const [sandbox, app] = cadvisorContainers([pod('web', { restarts: 2 })])
    expect(sandbox?.labels.container_name).to.equal('POD')
    expect(sandbox?.labels.image).to.equal('k8s.gcr.io/pause:3.1')
    expect(app?.labels.name).to.equal('k8s_app_web_onap_uid-web_2')
    expect(app?.labels.id).to.equal(`/kubepods/burstable/poduid-web/${'a'.repeat(63)}2`)
    expect(qosClass(pod('db', { limits: true }))).to.equal('Guaranteed')
    expect(cadvisorContainers([pod('db', { limits: true })])[1]?.labels.id).to.match(
      /^\/kubepods\/poduid-db\//
    )
  })

  it('has no series for exited containers and no CPU series for idle ones', () => {
    const text = renderCadvisorMetrics(
      [pod('web', { exited: true })],
      new ContainerUsageMeter(),
      T0
    )
    expect(text).to.not.include('container_name="app"')
    expect(text).to.include('container_name="istio-proxy"')
    expect(text).to.not.include('container_cpu_usage_seconds_total')
    expect(renderCadvisorMetrics([], undefined, T0)).to.equal('')
  })

  it('starts a restarted container from zero', () => {
    const now = { t: T0 + 1000 }
    const m = busyMeter(now)
    now.t = T0 + 5000
    m.handled('onap', 'web', 'app', 0, 0)
    // Restart 3 started at 10:00:03: only the request at 10:00:05 is its own.
    const text = renderCadvisorMetrics([pod('web', { restarts: 3 })], m, now.t)
    const cpu = parsePrometheusTextFormat(text)
      .find((f) => f.name === 'container_cpu_usage_seconds_total')
      ?.metrics.find((x) => x.labels?.container_name === 'app')
    expect(Number(cpu?.value)).to.equal(CPU_MODEL.secondsPerRequest)
  })
})

describe('kubelet /metrics and /stats/summary', () => {
  it('counts running pods and containers', () => {
    const text = renderKubeletMetrics([pod('web'), pod('db', { exited: true })])
    expect(text).to.include('kubelet_running_pod_count 2\n')
    expect(text).to.include('kubelet_running_container_count 3\n')
  })

  it('reports CPU and memory from the same source as cAdvisor', () => {
    const now = { t: T0 + 5000 }
    const s = statsSummary('node-1', [pod('web')], busyMeter(now), now.t) as {
      node: {
        cpu: { usageNanoCores: number }
        memory: { workingSetBytes: number }
        network: { rxBytes: number }
      }
      pods: { containers: { name: string; cpu: { usageCoreNanoSeconds: number } }[] }[]
    }
    expect(s.node.cpu.usageNanoCores).to.be.greaterThan(0)
    expect(s.node.memory.workingSetBytes).to.equal(1000)
    expect(s.node.network.rxBytes).to.equal(600)
    expect(s.pods[0]?.containers.map((c) => c.name)).to.deep.equal(['app', 'istio-proxy'])
    const idle = statsSummary('node-1', [pod('web')], new ContainerUsageMeter(), T0) as {
      node: { cpu: { usageNanoCores: number } }
    }
    expect(idle.node.cpu.usageNanoCores).to.equal(0)
  })
})
