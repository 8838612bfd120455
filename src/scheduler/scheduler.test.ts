import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { nodeObject } from '../cluster/index.js'
import { defaultBehaviourRegistry, startKubelet, type StartedKubelet } from '../kubelet/index.js'
import { eventsRef, nodesRef, podsRef } from '../client/index.js'
import { startSimHarness, testNodes, type SimHarness } from '../testing/kubelet/sim-harness.js'
import { deleteDefaultPods, hostnameAntiAffinity } from '../testing/kubelet/pod-fixtures.js'
import { startScheduler, type StartedScheduler } from './scheduler.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function pod(name: string, spec: Obj = {}, meta: Obj = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx:1.15' }], ...spec },
  }
}

function requesting(name: string, memory: string): KubeObject {
  return pod(name, {
    containers: [{ name: 'c', image: 'nginx:1.15', resources: { requests: { memory } } }],
  })
}

/** A seeded generator, so that ties between equal nodes break the same way on every run. */
function seeded(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

describe('startScheduler()', function () {
  let h: SimHarness
  let kubelets: StartedKubelet[]
  let scheduler: StartedScheduler
  const errors: unknown[] = []

  // One cluster for the suite; each test removes its pods afterwards.
  before(async () => {
    h = await startSimHarness()
    const behaviours = defaultBehaviourRegistry()
    kubelets = []
    for (const node of testNodes())
      kubelets.push(
        await startKubelet(h.client, h.clock, { node, behaviours, onError: (e) => errors.push(e) })
      )
    scheduler = await startScheduler(h.cluster.client('default-scheduler'), h.clock, {
      random: seeded(1),
      onError: (e) => errors.push(e),
    })
  })

  after(async () => {
    scheduler.stop()
    for (const k of kubelets) k.stop()
    await h.stop()
  })

  afterEach(async () => {
    await deleteDefaultPods(h)
    expect(errors.splice(0)).to.deep.equal([])
  })

  const getPod = (name: string) => h.client.get<Obj & KubeObject>(podsRef, name, 'default')
  const nodeOf = async (name: string) => (await getPod(name)).spec.nodeName as string | undefined
  const eventsOf = async (name: string) =>
    (await h.client.list<Obj & KubeObject>(eventsRef, { namespace: 'default' })).items.filter(
      (e) => e.involvedObject.name === name
    )

  it('spreads 3 pods over the 2 workers and never uses the tainted master', async () => {
    for (const name of ['a', 'b', 'c']) await h.client.create(podsRef, pod(name))
    await h.until('all bound', async () =>
      (await Promise.all(['a', 'b', 'c'].map(nodeOf))).every(Boolean)
    )
    const placed = await Promise.all(['a', 'b', 'c'].map(nodeOf))
    expect(placed).to.not.include('t-control-plane')
    expect(new Set(placed)).to.deep.equal(new Set(['t-worker', 't-worker2']))
    const scheduled = (await eventsOf('a')).find((e) => e.reason === 'Scheduled')
    expect(scheduled).to.deep.include({
      type: 'Normal',
      message: `Successfully assigned default/a to ${placed[0]}`,
      source: { component: 'default-scheduler' },
    })
    await h.until('a running', async () => (await getPod('a')).status.phase === 'Running')
    expect(
      (await getPod('a')).status.conditions.find((c: Obj) => c.type === 'PodScheduled').status
    ).to.equal('True')
  })

  it('places a pod that tolerates the master taint and selects the master there', async () => {
    const spec = {
      tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      nodeSelector: { 'node-role.kubernetes.io/master': '' },
    }
    await h.client.create(podsRef, pod('on-master', spec))
    await h.until('bound', async () => Boolean(await nodeOf('on-master')))
    expect(await nodeOf('on-master')).to.equal('t-control-plane')
  })

  it('leaves a pod that needs more memory than any node Pending with FailedScheduling and PodScheduled=False', async () => {
    await h.client.create(podsRef, requesting('huge', '64Gi'))
    await h.until('failed', async () =>
      (await eventsOf('huge')).some((e) => e.reason === 'FailedScheduling')
    )
    const failed = (await eventsOf('huge')).find((e) => e.reason === 'FailedScheduling')
    expect(failed).to.deep.include({
      type: 'Warning',
      message: '0/3 nodes are available: 3 Insufficient memory.',
    })
    await h.run(5_000, 500)
    const p = await getPod('huge')
    expect(p.spec.nodeName).to.equal(undefined)
    expect(p.status.phase).to.equal('Pending')
    expect(p.status.conditions.find((c: Obj) => c.type === 'PodScheduled')).to.include({
      status: 'False',
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Insufficient memory.',
    })
  })

  it("names the master's taint and the workers' memory when only the workers lack room", async () => {
    await h.client.create(podsRef, requesting('fill-1', '12Gi'))
    await h.client.create(podsRef, requesting('fill-2', '12Gi'))
    await h.until('fillers bound', async () =>
      Boolean((await nodeOf('fill-1')) && (await nodeOf('fill-2')))
    )
    expect(new Set([await nodeOf('fill-1'), await nodeOf('fill-2')])).to.deep.equal(
      new Set(['t-worker', 't-worker2'])
    )
    await h.client.create(podsRef, requesting('mid', '6Gi'))
    await h.until('mid failed', async () =>
      (await eventsOf('mid')).some((e) => e.reason === 'FailedScheduling')
    )
    const failed = (await eventsOf('mid')).find((e) => e.reason === 'FailedScheduling')
    expect(failed?.message).to.equal(
      "0/3 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 2 Insufficient memory."
    )
    // Freeing a worker lets the pending pod through.
    await h.client.delete(podsRef, 'fill-1', 'default')
    await h.until('mid bound', async () => Boolean(await nodeOf('mid')), 120_000, 500)
  })

  it('tries an unschedulable pod again when a node joins', async () => {
    await h.client.create(podsRef, pod('picky', { nodeSelector: { disk: 'ssd' } }))
    await h.until('picky failed', async () =>
      (await eventsOf('picky')).some((e) => e.reason === 'FailedScheduling')
    )
    expect(
      (await eventsOf('picky')).find((e) => e.reason === 'FailedScheduling')?.message
    ).to.equal("0/3 nodes are available: 3 node(s) didn't match node selector.")
    const extra = { ...testNodes(3)[3]!, labels: { disk: 'ssd' } }
    await h.client.create(nodesRef, nodeObject(extra, '2018-11-24T00:00:00Z'))
    await h.until('picky bound', async () => (await nodeOf('picky')) === 't-worker3')
    await h.client.delete(nodesRef, 't-worker3')
  })

  it('keeps replicas with hostname anti-affinity on different workers, and the third Pending', async () => {
    const anti = (name: string) => pod(name, hostnameAntiAffinity('db'), { labels: { app: 'db' } })
    for (const name of ['db-0', 'db-1', 'db-2']) await h.client.create(podsRef, anti(name))
    await h.until('db-2 failed', async () =>
      (await eventsOf('db-2')).some((e) => e.reason === 'FailedScheduling')
    )
    expect(new Set([await nodeOf('db-0'), await nodeOf('db-1')])).to.deep.equal(
      new Set(['t-worker', 't-worker2'])
    )
    expect(await nodeOf('db-2')).to.equal(undefined)
    expect((await eventsOf('db-2')).find((e) => e.reason === 'FailedScheduling')?.message).to.equal(
      "0/3 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 2 node(s) didn't match pod affinity/anti-affinity, 2 node(s) didn't satisfy existing pods anti-affinity rules."
    )
  })

  it('leaves pods of another scheduler and pods already bound alone', async () => {
    await h.client.create(podsRef, pod('other', { schedulerName: 'my-scheduler' }))
    await h.client.create(podsRef, pod('pinned', { nodeName: 't-control-plane' }))
    await h.run(5_000, 500)
    expect(await nodeOf('other')).to.equal(undefined)
    expect(await eventsOf('other')).to.deep.equal([])
    expect(await nodeOf('pinned')).to.equal('t-control-plane')
    expect(
      (await eventsOf('pinned')).filter((e) => e.source.component === 'default-scheduler')
    ).to.deep.equal([])
  })
})
