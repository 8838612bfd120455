import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { startKubelet, type StartedKubelet } from './kubelet.js'
import { defaultBehaviourRegistry } from './load-behaviours.js'
import { startNodeLifecycle, type StartedNodeLifecycle } from './node-lifecycle.js'
import { eventsRef, nodesRef, podsRef } from '../client/index.js'
import { startSimHarness, testNodes, type SimHarness } from '../testing/kubelet/sim-harness.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function pod(name: string, node: string, tolerations?: Obj[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: node,
      containers: [{ name: 'c', image: 'nginx:1.15' }],
      ...(tolerations ? { tolerations } : {}),
    },
  }
}

describe('startNodeLifecycle()', function () {
  let h: SimHarness
  let kubelets: Map<string, StartedKubelet>
  let lifecycle: StartedNodeLifecycle
  const errors: unknown[] = []
  const behaviours = defaultBehaviourRegistry()

  beforeEach(async () => {
    h = await startSimHarness()
    kubelets = new Map()
    for (const node of testNodes())
      kubelets.set(
        node.name,
        await startKubelet(h.client, h.clock, { node, behaviours, onError: (e) => errors.push(e) })
      )
    lifecycle = await startNodeLifecycle(h.cluster.client('node-controller'), h.clock, {
      onError: (e) => errors.push(e),
    })
  })

  afterEach(async () => {
    lifecycle.stop()
    for (const k of kubelets.values()) k.stop()
    await h.stop()
    expect(errors).to.deep.equal([])
  })

  const getNode = (name: string) => h.client.get<Obj & KubeObject>(nodesRef, name)
  const ready = async (name: string) =>
    (await getNode(name)).status.conditions.find((c: Obj) => c.type === 'Ready')
  const getPod = (name: string) => h.client.get<Obj & KubeObject>(podsRef, name, 'default')
  const running = async (names: string[]) =>
    (await Promise.all(names.map(getPod))).every((p) => p.status.phase === 'Running')

  it('turns a node whose kubelet stopped NotReady (Unknown), taints it unreachable, and evicts its pods after 300 s', async () => {
    // The API server adds the 300 s not-ready/unreachable tolerations (DefaultTolerationSeconds).
    await h.client.create(podsRef, pod('victim', 't-worker'))
    await h.client.create(
      podsRef,
      pod('quick', 't-worker', [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 60,
        },
        { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 900 },
      ])
    )
    await h.client.create(
      podsRef,
      pod('stays', 't-worker', [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      ])
    )
    await h.client.create(podsRef, pod('bystander', 't-worker2'))
    await h.until('pods running', () => running(['victim', 'quick', 'stays', 'bystander']))
    kubelets.get('t-worker')!.stop()

    await h.run(30_000, 1000)
    expect((await ready('t-worker')).status).to.equal('True')
    await h.until(
      'node unknown',
      async () => (await ready('t-worker')).status === 'Unknown',
      30_000,
      1000
    )
    expect(await ready('t-worker')).to.include({
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    })
    expect((await ready('t-worker2')).status).to.equal('True')
    await h.until(
      'tainted',
      async () =>
        ((await getNode('t-worker')).spec.taints ?? []).some(
          (t: Obj) => t.key === 'node.kubernetes.io/unreachable'
        ),
      5_000,
      500
    )
    expect(
      (await getNode('t-worker')).spec.taints.find(
        (t: Obj) => t.key === 'node.kubernetes.io/unreachable'
      )
    ).to.include({ effect: 'NoExecute' })
    expect(
      (await getPod('victim')).status.conditions.find((c: Obj) => c.type === 'Ready').status
    ).to.equal('False')

    await h.until(
      'quick evicted',
      async () => Boolean((await getPod('quick')).metadata.deletionTimestamp),
      70_000,
      1000
    )
    expect((await getPod('victim')).metadata.deletionTimestamp).to.equal(undefined)
    await h.until(
      'victim evicted',
      async () => Boolean((await getPod('victim')).metadata.deletionTimestamp),
      300_000,
      1000
    )
    await h.run(120_000, 5000)
    expect((await getPod('victim')).status).to.include({
      reason: 'NodeLost',
      message: 'Node t-worker which was running pod victim is unresponsive',
    })
    expect((await getPod('stays')).metadata.deletionTimestamp).to.equal(undefined)
    expect((await getPod('bystander')).metadata.deletionTimestamp).to.equal(undefined)
    const evictions = (
      await h.client.list<Obj & KubeObject>(eventsRef, { namespace: 'default' })
    ).items.filter((e) => e.reason === 'TaintManagerEviction')
    expect(evictions.map((e) => e.message).sort()).to.deep.equal([
      'Marking for deletion Pod default/quick',
      'Marking for deletion Pod default/victim',
    ])
  })

  it('untaints a node whose kubelet posts status again, and cancels the pending evictions', async () => {
    await h.client.create(podsRef, pod('keeper', 't-worker'))
    await h.until('keeper running', () => running(['keeper']))
    kubelets.get('t-worker')!.stop()
    await h.until(
      'tainted',
      async () => ((await getNode('t-worker')).spec.taints ?? []).length > 0,
      60_000,
      1000
    )
    kubelets.set(
      't-worker',
      await startKubelet(h.client, h.clock, {
        node: testNodes()[1]!,
        behaviours,
        onError: (e) => errors.push(e),
      })
    )
    await h.until(
      'untainted',
      async () => ((await getNode('t-worker')).spec.taints ?? []).length === 0,
      20_000,
      500
    )
    expect((await ready('t-worker')).status).to.equal('True')
    await h.run(400_000, 10_000)
    expect((await getPod('keeper')).metadata.deletionTimestamp).to.equal(undefined)
  })
})
