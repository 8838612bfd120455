import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { eventsRef, nodesRef, podsRef, type KubeClient } from '../../client/index.js'
import { fakeClock } from '../../util/index.js'
import { recordWrites } from './write-recorder.js'

// A client that answers every write with its body, after a turn of the event loop.
const echo = (): KubeClient => {
  const later = <T>(v: T) => new Promise<T>((resolve) => setImmediate(() => resolve(v)))
  const obj = (name: string): KubeObject => ({ metadata: { name } })
  return {
    get: (_r: unknown, name: string) => later(obj(name)),
    list: () => later({ items: [], metadata: {} }),
    create: (_r: unknown, o: KubeObject) => later(o),
    update: (_r: unknown, o: KubeObject) => later(o),
    patch: (_r: unknown, name: string) => later(obj(name)),
    delete: (_r: unknown, name: string) => later(obj(name)),
    post: () => later({}),
    watch: () => () => {},
  } as unknown as KubeClient
}

describe('recordWrites()', () => {
  it("records the pod's writes and Events (repeats with their count), and only counts the rest", async () => {
    const clock = fakeClock()
    const rec = recordWrites(echo(), clock, { namespace: 'default', name: 'p' })
    const event = (pod: string) => ({
      metadata: { name: `${pod}.1`, namespace: 'default' },
      involvedObject: { kind: 'Pod', name: pod, namespace: 'default' },
      type: 'Normal',
      reason: 'Pulled',
      message: 'm',
      count: 1,
    })
    const status = { status: { phase: 'Running' } }
    const pending = [
      rec.client.patch(podsRef, 'p', 'default', status, 'merge', { subresource: 'status' }),
      rec.client.patch(podsRef, 'q', 'default', status, 'merge', { subresource: 'status' }),
      rec.client.patch(podsRef, 'p', 'other', status, 'merge', { subresource: 'status' }),
      rec.client.create(eventsRef, event('p') as unknown as KubeObject),
      rec.client.create(eventsRef, event('q') as unknown as KubeObject),
      rec.client.get(nodesRef, 'n'),
    ]
    expect(rec.inFlight()).to.equal(6)
    await Promise.all(pending)
    clock.advance(1000)
    await rec.client.patch(eventsRef, 'p.1', 'default', { count: 2 }, 'merge')
    await rec.client.delete(podsRef, 'p', 'default', { gracePeriodSeconds: 0 })
    expect(rec.calls()).to.equal(8)
    expect(rec.inFlight()).to.equal(0)
    const t0 = Date.parse('2018-11-24T00:00:00Z')
    expect(rec.writes).to.deep.equal([
      {
        atMs: t0,
        channel: 'pod',
        write: { verb: 'patch', subresource: 'status', type: 'merge', body: status },
      },
      {
        atMs: t0,
        channel: 'event',
        write: { type: 'Normal', reason: 'Pulled', message: 'm', count: 1 },
      },
      {
        atMs: t0 + 1000,
        channel: 'event',
        write: { type: 'Normal', reason: 'Pulled', message: 'm', count: 2 },
      },
      {
        atMs: t0 + 1000,
        channel: 'pod',
        write: { verb: 'delete', options: { gracePeriodSeconds: 0 } },
      },
    ])
  })
})
