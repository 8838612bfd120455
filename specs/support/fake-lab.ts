// A lab that is exactly what the expectations describe, as plain objects behind a LabClient and a
// ChartRepoClient: the positive case of every check, which unit tests then break on purpose.
import type { ChartIndex, ChartRepoClient } from './chart-repo-client.js'
import type { Expectations } from './expectations.js'
import {
  INJECT_ANNOTATION,
  INJECTION_LABEL,
  STATUS_ANNOTATION,
  injectRequired,
} from './injection-rule.js'
import { completedJobPod, deployment, runningPod, service } from './fake-objects.js'
import type { ConfigMap, Deployment, Namespace, Node, Pod, Service } from './kube-types.js'
import type { LabClient } from './lab-client.js'
import { formatBytes, formatCpu } from './quantity.js'

/** The objects of a fake lab; tests edit them to break the lab. */
export interface FakeLab {
  nodes: Node[]
  namespaces: Namespace[]
  pods: Pod[]
  services: Service[]
  deployments: Deployment[]
  configMaps: ConfigMap[]
  index: ChartIndex
}

/** Charts the repository holds that `helm search onap` does not list (the lab's appc, sdc, …). */
const UNLISTED_CHARTS = [
  { name: 'appc', description: 'Application Controller' },
  { name: 'common', description: 'Common templates for inclusion in other charts' },
]

/** Returns the objects of a lab that meets `expected` in every respect. */
export function fakeLab(expected: Expectations): FakeLab {
  const workers = expected.nodes.filter((n) => n.role === 'worker').map((n) => n.name)
  const onapLabel = expected.namespaces.find(
    (n) => n.name === expected.onap.namespace
  )?.istioInjection
  const pods: Pod[] = expected.onap.deployments.map((d, i) => {
    const injected = injectRequired({
      policy: expected.policy,
      namespaceLabel: onapLabel,
      annotation: d.inject,
      namespace: expected.onap.namespace,
    })
    const sidecar = injected ? [expected.onap.sidecarContainer] : []
    const annotations: Record<string, string> = {
      ...(d.inject !== null && { [INJECT_ANNOTATION]: d.inject }),
      ...(injected && {
        [STATUS_ANNOTATION]: JSON.stringify({
          version: 'x',
          initContainers: ['istio-init'],
          containers: sidecar,
        }),
      }),
    }
    return runningPod(
      expected.onap.namespace,
      { kind: 'Deployment', name: d.name },
      workers[i % workers.length],
      {
        containers: [...d.containers, ...sidecar],
        initContainers: [...d.initContainers, ...(injected ? ['istio-init'] : [])],
        annotations,
      }
    )
  })
  for (const d of expected.istio.deployments) {
    const total = Number(d.ready.split('/')[1])
    const containers = Array.from({ length: total }, (_, i) => `c${i}`)
    pods.push(
      runningPod(expected.istio.namespace, { kind: 'Deployment', name: d.name }, workers[0], {
        containers,
      })
    )
  }
  for (const j of expected.istio.jobs)
    pods.push(completedJobPod(expected.istio.namespace, j.name, workers[0]))
  return {
    nodes: expected.nodes.map((n): Node => ({
      metadata: {
        name: n.name,
        labels: n.role === 'control-plane' ? { 'node-role.kubernetes.io/master': '' } : {},
      },
      spec:
        n.role === 'control-plane'
          ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }
          : {},
      status: {
        capacity: {
          cpu: formatCpu(n.cpu ?? 1),
          memory: formatBytes(n.memory ?? 2 ** 30),
          'ephemeral-storage': formatBytes(
            Math.floor((n.ephemeralStorage ?? 2 ** 30) / 1024) * 1024
          ),
          pods: String(n.pods),
        },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    })),
    namespaces: expected.namespaces.map((n): Namespace => ({
      metadata: {
        name: n.name,
        labels: n.istioInjection ? { [INJECTION_LABEL]: n.istioInjection } : {},
      },
      status: { phase: n.status },
    })),
    pods,
    services: [
      ...expected.onap.services.map((s) => service(expected.onap.namespace, s)),
      ...expected.istio.services.map((s) => service(expected.istio.namespace, s)),
    ],
    deployments: [
      ...expected.onap.deployments.map((d) =>
        deployment(expected.onap.namespace, d.name, d.containers, d.release)
      ),
      ...expected.istio.deployments.map((d) =>
        deployment(expected.istio.namespace, d.name, ['c0'])
      ),
    ],
    configMaps: [
      {
        metadata: { namespace: 'istio-system', name: 'istio-sidecar-injector' },
        data: { config: `policy: ${expected.policy}\ntemplate: |-\n  containers: []\n` },
      },
    ],
    index: {
      entries: Object.fromEntries([
        ...expected.charts.charts.map((c) => {
          const name = c.name.split('/').slice(1).join('/')
          return [
            name,
            [{ name, version: c.version, appVersion: c.appVersion, description: c.description }],
          ]
        }),
        ...UNLISTED_CHARTS.map((c) => [
          c.name,
          [{ name: c.name, version: '2.0.0', description: c.description }],
        ]),
      ]),
    },
  }
}

/** Returns a LabClient over a fake lab's objects, read at each call (so edits show). */
export function fakeLabClient(lab: FakeLab): LabClient {
  const ns = <T extends { metadata?: { namespace?: string } }>(list: T[], namespace: string) =>
    list.filter((o) => o.metadata?.namespace === namespace)
  return {
    nodes: async () => lab.nodes,
    namespaces: async () => lab.namespaces,
    pods: async (namespace) => ns(lab.pods, namespace),
    services: async (namespace) => ns(lab.services, namespace),
    deployments: async (namespace) => ns(lab.deployments, namespace),
    configMap: async (namespace, name) =>
      lab.configMaps.find((c) => c.metadata?.namespace === namespace && c.metadata.name === name),
    refresh: () => undefined,
  }
}

/** Returns a ChartRepoClient over a fake lab's index. */
export function fakeChartRepo(lab: FakeLab, url = 'http://127.0.0.1:8879'): ChartRepoClient {
  return { url, index: async () => lab.index }
}

/** A fake lab with its clients and the expectations it meets. */
export interface FakeRun {
  lab: FakeLab
  client: LabClient
  repo: ChartRepoClient
  expected: Expectations
}

/** Returns a fake lab meeting `expected`, with clients over it. */
export function fakeRun(expected: Expectations): FakeRun {
  const lab = fakeLab(expected)
  return { lab, client: fakeLabClient(lab), repo: fakeChartRepo(lab), expected }
}

/** Resolves with the message a failing check throws; rejects when the check passes. */
export async function failureOf(check: Promise<void>): Promise<string> {
  try {
    await check
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
  throw new Error('the check passed, want a failure')
}
