import { expect } from 'chai'
import { startSimCluster, type StartedSimCluster } from '../backends/sim/index.js'
import type { KubeObject } from '../api/types.js'
import type { KubeClient } from './kube-client.js'
import { fakeClock } from '../util/index.js'
import { EventRecorder } from './event-recorder.js'
import { eventsRef, podsRef } from './core-refs.js'

type Event = KubeObject & {
  count?: number
  message?: string
  reason?: string
  firstTimestamp?: string
  lastTimestamp?: string
  involvedObject?: Record<string, string>
  source?: Record<string, string>
}

describe('EventRecorder', () => {
  let cluster: StartedSimCluster
  let client: KubeClient
  let pod: KubeObject
  before(async () => {
    cluster = await startSimCluster({
      kubernetesVersion: '1.11.1',
      clusterName: 't',
      serviceSubnet: '10.96.0.0/12',
    })
    client = cluster.client('test')
    pod = await client.create(podsRef, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    })
  })
  after(() => cluster.stop())

  const events = async (reason: string) =>
    (await client.list<Event>(eventsRef, { namespace: 'default' })).items.filter(
      (e) => e.reason === reason
    )

  it('writes an Event with involvedObject, source and timestamps', async () => {
    const clock = fakeClock(new Date('2018-11-24T10:00:00Z'))
    const r = new EventRecorder({ client, clock, source: { component: 'kubelet', host: 'node-1' } })
    await r.event(pod, 'Normal', 'Pulling', 'pulling image "x"', {
      fieldPath: 'spec.containers{c}',
    })
    const [e] = await events('Pulling')
    expect(e!.metadata.name).to.match(/^p\.[0-9a-f]+$/)
    expect(e).to.include({
      type: 'Normal',
      message: 'pulling image "x"',
      count: 1,
      firstTimestamp: '2018-11-24T10:00:00Z',
      lastTimestamp: '2018-11-24T10:00:00Z',
    })
    expect(e!.involvedObject).to.include({
      kind: 'Pod',
      name: 'p',
      namespace: 'default',
      uid: pod.metadata.uid,
      apiVersion: 'v1',
      fieldPath: 'spec.containers{c}',
    })
    expect(e!.source).to.deep.equal({ component: 'kubelet', host: 'node-1' })
  })

  it('counts repeats of the same event on one Event object', async () => {
    const clock = fakeClock(new Date('2018-11-24T10:00:00Z'))
    const r = new EventRecorder({ client, clock, source: { component: 'kubelet' } })
    await r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container')
    clock.advance(10_000)
    await r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container')
    await r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container')
    const list = await events('BackOff')
    expect(list).to.have.length(1)
    expect(list[0]).to.include({
      count: 3,
      firstTimestamp: '2018-11-24T10:00:00Z',
      lastTimestamp: '2018-11-24T10:00:10Z',
    })
  })

  it('keeps different messages apart until ten, then combines them', async () => {
    const r = new EventRecorder({ client, clock: fakeClock(), source: { component: 'x' } })
    for (let i = 0; i < 12; i++) void r.event(pod, 'Normal', 'Many', `message ${i}`)
    await r.flush()
    const list = await events('Many')
    expect(list).to.have.length(10)
    const combined = list.find((e) => e.message?.startsWith('(combined from similar events): '))
    expect(combined).to.include({ count: 3, message: '(combined from similar events): message 11' })
  })

  it('drops events it cannot write without throwing (negative)', async () => {
    const r = new EventRecorder({ client, clock: fakeClock(), source: { component: 'x' } })
    const ghost = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ghost', namespace: 'no-such-namespace', uid: 'u' },
    }
    await r.event(ghost, 'Normal', 'Lost', 'nowhere to go')
    expect(await events('Lost')).to.have.length(0)
  })
})
