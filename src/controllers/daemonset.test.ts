import { expect } from 'chai'
import { PatchType, Refs } from '../client/index.js'
import {
  listIn,
  markPods,
  waitFor,
  type TestCluster,
} from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import type { Node, Pod, Workload } from './workload-types.js'

const NS = 'ds'

function node(name: string, o: { master?: boolean; labels?: Record<string, string> } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        ...(o.master ? { 'node-role.kubernetes.io/master': '' } : {}),
        ...o.labels,
      },
    },
    spec: o.master
      ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }
      : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  }
}

function daemonSet(name: string, podSpec: Record<string, unknown> = {}): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: NS },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'calico/node:v3.1' }], ...podSpec },
      },
    },
  }
}

const nodesOf = async (t: TestCluster, app: string) =>
  (await listIn<Pod>(t.client, Refs.pods, NS, `app=${app}`))
    .map((p) => p.spec?.nodeName ?? '')
    .sort()

describe('daemonset controller', () => {
  const t = useTestCluster({ controllers: ['daemonset'], namespace: NS })
  before(async () => {
    for (const n of [
      node('master', { master: true }),
      node('worker-1', { labels: { disk: 'ssd' } }),
      node('worker-2'),
    ])
      await t.client.create(Refs.nodes, n)
  })

  it('runs one pod per worker, bound directly, and skips the master-tainted node', async () => {
    await t.client.create(Refs.daemonSets, daemonSet('agent'))
    await waitFor('2 pods', async () => (await nodesOf(t, 'agent')).length === 2)
    expect(await nodesOf(t, 'agent')).to.deep.equal(['worker-1', 'worker-2'])
    const [p] = await listIn<Pod>(t.client, Refs.pods, NS, 'app=agent')
    expect(p!.metadata.generateName).to.equal('agent-')
    expect(p!.spec?.tolerations?.map((x) => x.key)).to.include.members([
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
    ])
    await markPods(t.client, NS, 'app=agent')
    const ds = await waitFor('status', async () => {
      const d = await t.client.get<Workload>(Refs.daemonSets, 'agent', NS)
      return d.status?.numberReady === 2 && d
    })
    expect(ds.status).to.include({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 2,
      numberMisscheduled: 0,
      observedGeneration: 1,
    })
    expect(ds.status).to.not.have.property('numberUnavailable')
  })

  it('runs on the master too when the master taint is tolerated', async () => {
    await t.client.create(
      Refs.daemonSets,
      daemonSet('net', {
        tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      })
    )
    await waitFor('3 pods', async () => (await nodesOf(t, 'net')).length === 3)
    expect(await nodesOf(t, 'net')).to.deep.equal(['master', 'worker-1', 'worker-2'])
  })

  it('honours the node selector, and follows node label changes', async () => {
    await t.client.create(Refs.daemonSets, daemonSet('fast', { nodeSelector: { disk: 'ssd' } }))
    await waitFor('1 pod', async () => (await nodesOf(t, 'fast')).length === 1)
    expect(await nodesOf(t, 'fast')).to.deep.equal(['worker-1'])
    await t.client.patch(
      Refs.nodes,
      'worker-2',
      undefined,
      { metadata: { labels: { disk: 'ssd' } } },
      PatchType.merge
    )
    await waitFor('2 pods', async () => (await nodesOf(t, 'fast')).length === 2)
    const ds = await waitFor('desired 2', async () => {
      const d = await t.client.get<Workload>(Refs.daemonSets, 'fast', NS)
      return d.status?.desiredNumberScheduled === 2 && d
    })
    expect(ds.status).to.include({ numberUnavailable: 2 })
  })
})
