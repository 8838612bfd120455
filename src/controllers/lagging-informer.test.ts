import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { EventRecorder, Informer, Refs, silentLog, type KubeClient } from '../client/index.js'
import { markPod, waitFor } from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { scaledClock } from '../util/index.js'
import { indexByController } from './cached-candidates.js'
import { contextFor, type ControllerContext } from './controller.js'
import { reconcileDaemonSet } from './daemonset-controller.js'
import type { EndpointSubset } from './endpoint-subsets.js'
import { reconcileEndpoints } from './endpoints-controller.js'
import { Expectations } from './expectations.js'
import { InformerFactory } from './informer-factory.js'
import { MutationCache } from './mutation-cache.js'
import { reconcileTokens, TOKEN_SECRET_TYPE } from './token-controller.js'
import type { Node, Pod, Service, Workload } from './workload-types.js'

const NS = 'lag'
type Endpoints = KubeObject & { subsets?: EndpointSubset[] }

/** A client that counts the reads it sends (get and list), to show a sync reads its caches. */
function countingReads(client: KubeClient): { client: KubeClient; reads: string[] } {
  const reads: string[] = []
  return {
    reads,
    client: {
      ...client,
      get: (ref, name, ns) => {
        reads.push(`get ${ref.resource}`)
        return client.get(ref, name, ns)
      },
      list: (ref, o) => {
        reads.push(`list ${ref.resource}`)
        return client.list(ref, o)
      },
    },
  }
}

describe('controllers over lagging informers (reads from caches, own writes remembered)', () => {
  const t = useTestCluster({ controllers: [], namespace: NS })
  const clock = scaledClock(0.1)
  const abort = new AbortController()
  after(() => abort.abort())
  let reads: string[]
  let ctx: ControllerContext

  /** Starts an informer; a frozen one stops watching once synced (it never learns of a change). */
  async function informer<T extends KubeObject>(
    ref: (typeof Refs)[keyof typeof Refs],
    frozen = false
  ): Promise<Informer<T>> {
    const inf = new Informer<T>(t.client, ref, clock)
    const stop = new AbortController()
    abort.signal.addEventListener('abort', () => stop.abort())
    await inf.start(stop.signal)
    if (frozen) stop.abort()
    return inf
  }

  before(() => {
    const counted = countingReads(t.cluster.client('kube-controller-manager'))
    reads = counted.reads
    const client = counted.client
    ctx = contextFor(
      {
        client,
        clock,
        informers: new InformerFactory(client, clock),
        recorders: (component) => new EventRecorder({ client, clock, source: { component } }),
        log: silentLog,
        suffix: () => 'xxxxx',
      },
      'test-controller'
    )
  })

  it('endpoints follow readiness back and forth while the Endpoints informer shows none of it', async () => {
    await t.client.create<Service>(Refs.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: NS },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    })
    const a = await t.client.create<Pod>(Refs.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', namespace: NS, labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    })
    const pods = await informer<Pod>(Refs.pods)
    const listers = {
      services: await informer<Service>(Refs.services),
      pods,
      endpoints: new MutationCache(await informer<Endpoints>(Refs.endpoints, true)),
    }
    reads.length = 0
    const ready = async (r: boolean) => {
      const p = await markPod(t.client, a, { ip: '10.244.7.1', ready: r })
      await waitFor('the pod informer', () => pods.get(`${NS}/a`) === p)
      await reconcileEndpoints(ctx, `${NS}/web`, listers)
      const ep = await t.client.get<Endpoints>(Refs.endpoints, 'web', NS)
      return ep.subsets?.[0]?.[r ? 'addresses' : 'notReadyAddresses']?.map((x) => x.ip)
    }
    expect(await ready(true)).to.deep.equal(['10.244.7.1'])
    expect(await ready(false)).to.deep.equal(['10.244.7.1'])
    expect(await ready(true)).to.deep.equal(['10.244.7.1'])
    expect(reads).to.deep.equal([])
    // A Service gone from the cache takes its Endpoints with it.
    await t.client.delete(Refs.services, 'web', NS)
    await waitFor('the service informer', () => !listers.services.get(`${NS}/web`))
    await reconcileEndpoints(ctx, `${NS}/web`, listers)
    const left = await t.client.list(Refs.endpoints, { namespace: NS })
    expect(left.items.map((e) => e.metadata.name)).to.deep.equal([])
  })

  it('a ServiceAccount gets one token while neither informer has shown the first', async () => {
    await t.client.create(Refs.serviceAccounts, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'robot', namespace: NS },
    })
    const listers = {
      accounts: new MutationCache(await informer(Refs.serviceAccounts, true)),
      secrets: new MutationCache(await informer(Refs.secrets, true)),
    }
    reads.length = 0
    await reconcileTokens(ctx, {}, `${NS}/robot`, listers)
    await reconcileTokens(ctx, {}, `${NS}/robot`, listers)
    const secrets = await t.client.list(Refs.secrets, { namespace: NS })
    const tokens = secrets.items.filter((s) => (s as { type?: string }).type === TOKEN_SECRET_TYPE)
    expect(tokens.map((s) => s.metadata.name)).to.deep.equal(['robot-token-xxxxx'])
    const sa = await t.client.get<KubeObject & { secrets?: { name: string }[] }>(
      Refs.serviceAccounts,
      'robot',
      NS
    )
    expect(sa.secrets).to.deep.equal([{ name: 'robot-token-xxxxx' }])
    expect(reads).to.deep.equal([])
  })

  it('a DaemonSet does not create its pods twice while the pod informer has not seen them', async () => {
    for (const name of ['lag-1', 'lag-2'])
      await t.client.create<Node>(Refs.nodes, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'kubernetes.io/hostname': name } },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      })
    await t.client.create<Workload>(Refs.daemonSets, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: NS },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'c', image: 'agent' }] },
        },
      },
    })
    const sets = await informer<Workload>(Refs.daemonSets)
    const listers = {
      sets: new MutationCache(sets),
      pods: indexByController(await informer<Pod>(Refs.pods, true)),
      nodes: await informer<Node>(Refs.nodes),
      expectations: new Expectations(clock),
    }
    reads.length = 0
    await reconcileDaemonSet(ctx, `${NS}/agent`, listers)
    await reconcileDaemonSet(ctx, `${NS}/agent`, listers)
    const made = await t.client.list<Pod>(Refs.pods, { namespace: NS, labelSelector: 'app=agent' })
    expect(made.items.map((p) => p.spec?.nodeName).sort()).to.deep.equal(['lag-1', 'lag-2'])
    expect(reads).to.deep.equal([])
    // Its status write is remembered: the next sync starts from it, not from the stale cache.
    const ds = await t.client.get<Workload>(Refs.daemonSets, 'agent', NS)
    expect(listers.sets.get(`${NS}/agent`)?.metadata.resourceVersion).to.equal(
      ds.metadata.resourceVersion
    )
  })
})
