import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startSimLab } from '../backends/sim/index.js'
import { buildTopology, parseKindConfig, parseLabProfile } from '../cluster/index.js'
import type { KubeClient } from '../client/index.js'

/** What the cluster benchmark measured. */
export interface ClusterBenchResult {
  nodes: number
  nodesReadySeconds: number
  pods: number
  podsReadySeconds: number
  injectedPods: number
  injectedSeconds: number
  peakRssMb: number
}

const NODES = { apiVersion: 'v1', resource: 'nodes', namespaced: false }
const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }

async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`benchmark timed out waiting for ${what}`)
}

function peakRssMb(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024
}

/**
 * Measures the simulated cluster in this process at the profile's time factor: a lab of one
 * master and `workers` workers until every node is Ready, then `deployments` Deployments of
 * `replicas` pods until every pod is Running and Ready, then `injected` pods created through the
 * Istio injector webhook.
 */
export async function clusterBench(
  root: string,
  o: { workers: number; deployments: number; replicas: number; injected: number }
): Promise<ClusterBenchResult> {
  const nodes = [
    '  - role: control-plane',
    ...Array.from({ length: o.workers }, () => '  - role: worker'),
  ].join('\n')
  const kind = parseKindConfig(
    `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: bench\nnodes:\n${nodes}\n`,
    'bench kind config'
  )
  const profile = parseLabProfile(
    readFileSync(join(root, 'lab', 'lab.yaml'), 'utf8'),
    'lab/lab.yaml'
  )
  profile.nodes = {}
  const topology = buildTopology(kind, profile)
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor })
  try {
    const client = lab.cluster.client('bench')
    const t0 = performance.now()
    const master = topology.nodes.find((n) => n.role === 'control-plane')!
    const init = await lab.kubeadm.run(master.name, ['init'])
    const join = /kubeadm join .*/.exec(init.stdout)![0]!.split(/\s+/).slice(1)
    await Promise.all(
      topology.nodes.filter((n) => n.role === 'worker').map((n) => lab.kubeadm.run(n.name, join))
    )
    await until(
      async () => (await readyNodes(client)) === topology.nodes.length,
      300_000,
      'nodes Ready'
    )
    const nodesReadySeconds = (performance.now() - t0) / 1000

    await client.create(NAMESPACES, { metadata: { name: 'bench' } })
    const t1 = performance.now()
    for (let i = 0; i < o.deployments; i++)
      await client.create(DEPLOYMENTS, deployment(`d${i}`, 'bench', o.replicas))
    await until(
      async () => (await readyReplicas(client, 'bench')) === o.deployments * o.replicas,
      900_000,
      'pods Ready'
    )
    const podsReadySeconds = (performance.now() - t1) / 1000

    const injectedSeconds = await injectedPods(lab.cluster.client('bench-istio'), root, o.injected)
    return {
      nodes: topology.nodes.length,
      nodesReadySeconds,
      pods: o.deployments * o.replicas,
      podsReadySeconds,
      injectedPods: o.injected,
      injectedSeconds,
      peakRssMb: peakRssMb(),
    }
  } finally {
    await lab.stop()
  }
}

async function readyNodes(client: KubeClient): Promise<number> {
  const list = await client.list(NODES)
  return list.items.filter((n) =>
    (
      (n.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ??
      []
    ).some((c) => c.type === 'Ready' && c.status === 'True')
  ).length
}

async function readyReplicas(client: KubeClient, namespace: string): Promise<number> {
  const list = await client.list(DEPLOYMENTS, { namespace })
  return list.items.reduce(
    (sum, d) => sum + ((d.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0),
    0
  )
}

function deployment(
  name: string,
  namespace: string,
  replicas: number,
  annotations?: Record<string, string>
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(annotations ? { annotations } : {}) },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.15',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      },
    },
  }
}

/** Returns the seconds to create `count` pods whose creation goes through the Istio injector webhook. */
async function injectedPods(client: KubeClient, root: string, count: number): Promise<number> {
  const { manifestObjects } = await import('../istio/index.js')
  const objs = manifestObjects(readFileSync(join(root, 'fixtures', 'istio', 'istio.yaml'), 'utf8'))
  const wanted = new Set([
    'Namespace',
    'ConfigMap',
    'ServiceAccount',
    'Deployment',
    'Service',
    'MutatingWebhookConfiguration',
  ])
  for (const o of objs.filter(
    (x) =>
      wanted.has(String(x.kind)) &&
      (x.kind !== 'Deployment' || x.metadata.name === 'istio-sidecar-injector')
  )) {
    const [group, version] = String(o.apiVersion).includes('/')
      ? String(o.apiVersion).split('/')
      : ['', String(o.apiVersion)]
    const resource = `${String(o.kind).toLowerCase()}${String(o.kind).endsWith('s') ? 'es' : 's'}`
    await client
      .create(
        {
          apiVersion: group ? `${group}/${version}` : version!,
          resource,
          namespaced: o.kind !== 'Namespace' && o.kind !== 'MutatingWebhookConfiguration',
        },
        o
      )
      .catch(() => undefined)
  }
  await until(
    async () => {
      const eps = await client
        .get(
          { apiVersion: 'v1', resource: 'endpoints', namespaced: true },
          'istio-sidecar-injector',
          'istio-system'
        )
        .catch(() => undefined)
      return !!eps && JSON.stringify(eps).includes('"addresses"')
    },
    120_000,
    'the injector to be ready'
  )
  await client.create(NAMESPACES, {
    metadata: { name: 'mesh', labels: { 'istio-injection': 'enabled' } },
  })
  const pods = { apiVersion: 'v1', resource: 'pods', namespaced: true }
  const t = performance.now()
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) =>
        client.create(pods, {
          metadata: {
            name: `p${i + j}`,
            namespace: 'mesh',
            annotations: { 'sidecar.istio.io/inject': 'true' },
          },
          spec: {
            nodeName: 'none',
            containers: [{ name: 'app', image: 'nginx:1.15', ports: [{ containerPort: 80 }] }],
          },
        })
      )
    )
  }
  const seconds = (performance.now() - t) / 1000
  const sample = await client.get(pods, 'p0', 'mesh')
  const names = ((sample.spec as { containers: { name: string }[] }).containers ?? []).map(
    (c) => c.name
  )
  if (names[names.length - 1] !== 'istio-proxy')
    throw new Error(`benchmark pods were not injected (containers: ${names.join(', ')})`)
  return seconds
}
