import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import type { StartedSimCluster } from '../backends/sim/index.js'
import { startTestCluster } from '../testing/apiserver/index.js'
import {
  defaultBehaviourRegistry,
  MemoryLogStore,
  startKubelet,
  startNodeLifecycle,
  type StartedKubelet,
  type StartedNodeLifecycle,
} from '../kubelet/index.js'
import { podsRef } from '../client/index.js'
import { testNodes } from '../testing/kubelet/sim-harness.js'
import { scaledClock } from '../util/index.js'
import { startScheduler, type StartedScheduler } from './scheduler.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('scheduler and kubelets on a scaled clock', function () {
  let cluster: StartedSimCluster
  let kubelets: StartedKubelet[]
  let scheduler: StartedScheduler
  let lifecycle: StartedNodeLifecycle
  const errors: unknown[] = []

  before(async () => {
    // 1 simulated second = 1 real millisecond.
    const clock = scaledClock(0.001)
    const logs = new MemoryLogStore()
    cluster = await startTestCluster({ logs })
    const behaviours = defaultBehaviourRegistry()
    kubelets = []
    for (const node of testNodes())
      kubelets.push(
        await startKubelet(cluster.client(`kubelet/${node.name}`), clock, {
          node,
          behaviours,
          logs,
          onError: (e) => errors.push(e),
        })
      )
    scheduler = await startScheduler(cluster.client('default-scheduler'), clock, {
      onError: (e) => errors.push(e),
    })
    lifecycle = await startNodeLifecycle(cluster.client('node-controller'), clock, {
      onError: (e) => errors.push(e),
    })
  })

  after(async () => {
    lifecycle.stop()
    scheduler.stop()
    for (const k of kubelets) k.stop()
    await cluster.stop()
  })

  it('schedules a two-container pod and brings it to Running 2/2 in real time, and deletes it', async () => {
    const client = cluster.client('test')
    const probe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 10, periodSeconds: 10 }
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [
          { name: 'a', image: 'nginx:1.15', readinessProbe: probe },
          { name: 'b', image: 'busybox:1.29' },
        ],
      },
    }
    await client.create(podsRef, pod)
    const poll = async (what: string, check: (p: Obj | undefined) => boolean) => {
      for (let i = 0; i < 400; i++) {
        const p = (
          await client.list<Obj & KubeObject>(podsRef, { namespace: 'default' })
        ).items.find((x) => x.metadata.name === 'web')
        if (check(p)) return p
        await new Promise((r) => setTimeout(r, 10))
      }
      throw new Error(`timed out waiting for ${what}`)
    }
    const p = await poll(
      '2/2 ready',
      (x) => x?.status?.containerStatuses?.filter((s: Obj) => s.ready).length === 2
    )
    expect(p!.spec.nodeName).to.match(/^t-worker2?$/)
    expect(p!.status.phase).to.equal('Running')
    await client.delete(podsRef, 'web', 'default')
    await poll('web gone', (x) => x === undefined)
    expect(errors).to.deep.equal([])
  })
})
