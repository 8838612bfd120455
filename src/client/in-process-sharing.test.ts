import { expect } from 'chai'
import type { KubeObject, WatchEvent } from '../api/types.js'
import { CM, startTestCluster } from '../testing/apiserver/index.js'
import type { StartedSimCluster } from '../backends/sim/index.js'
import { deepFreeze, handOut } from './hand-out.js'
import { createKubeClient, inProcessTransport, PatchType, type KubeClient } from './index.js'

describe('handOut()', () => {
  const obj = () => ({ metadata: { name: 'x', labels: { a: 'b' } }, data: { list: [{ k: 1 }] } })

  it('hands out the object itself by default', () => {
    const o = obj()
    expect(handOut({})(o)).to.equal(o)
    expect(Object.isFrozen(o)).to.equal(false)
  })

  it('deep-freezes it with LAB_FREEZE_WATCH=1, so that changing any part throws', () => {
    const o = handOut({ LAB_FREEZE_WATCH: '1' })(obj())
    expect(() => (o.metadata.labels.a = 'c')).to.throw(TypeError, /read only/)
    expect(() => o.data.list.push({ k: 2 })).to.throw(TypeError)
    expect(() => (o.data.list[0]!.k = 2)).to.throw(TypeError, /read only/)
  })

  it('copies it with LAB_TRANSPORT_COPY=1 (and the copy is the caller’s to change)', () => {
    const o = obj()
    const c = handOut({ LAB_TRANSPORT_COPY: '1', LAB_FREEZE_WATCH: '1' })(o)
    expect(c).to.deep.equal(o)
    expect(c).not.to.equal(o)
    expect(c.data.list[0]).not.to.equal(o.data.list[0])
    expect(Object.isFrozen(c)).to.equal(false)
  })

  it('leaves byte arrays unfrozen (they cannot be frozen) but freezes around them', () => {
    const o = deepFreeze({ b: new Uint8Array([1]), s: { x: 1 } })
    expect(Object.isFrozen(o.s)).to.equal(true)
    expect(Object.isFrozen(o.b)).to.equal(false)
  })
})

describe('in-process transport: what it shares and what it copies', () => {
  let cluster: StartedSimCluster
  let client: KubeClient
  before(async () => {
    cluster = await startTestCluster()
    client = createKubeClient(inProcessTransport(cluster.api.handler), 'sharing-test')
  })
  after(() => cluster.stop())

  /** Opens a watch of config maps in `default` from `rv` and collects its events. */
  const watch = (rv: string) => {
    const events: WatchEvent[] = []
    const stop = client.watch(
      CM,
      { namespace: 'default', resourceVersion: rv },
      (ev) => {
        events.push(ev)
      },
      () => undefined
    )
    return { events, stop }
  }
  const until = async (f: () => boolean) => {
    for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 5))
  }

  it('hands every watcher the same stored object, and the answer to the write too', async () => {
    const rv = (await client.list(CM, { namespace: 'default' })).metadata.resourceVersion ?? ''
    const a = watch(rv)
    const b = watch(rv)
    const created = await client.create<KubeObject>(CM, {
      metadata: { name: 'shared', namespace: 'default' },
      data: { k: 'v' },
    })
    await until(() => a.events.length > 0 && b.events.length > 0)
    a.stop()
    b.stop()
    expect(a.events[0]!.object).to.equal(b.events[0]!.object)
    expect(a.events[0]!.object).to.equal(created)
  })

  it('copies a request body, so that changing it after the write changes nothing stored', async () => {
    const body = { metadata: { name: 'copied', namespace: 'default' }, data: { k: 'v' } }
    const created = await client.create<KubeObject>(CM, body)
    expect(created.data).not.to.equal(body.data)
    body.data.k = 'changed'
    const got = await client.get<KubeObject>(CM, 'copied', 'default')
    expect(got.data).to.deep.equal({ k: 'v' })
  })

  it('keeps a body handed over without a copy (the caller gave it away)', async () => {
    const body = { metadata: { name: 'handed', namespace: 'default' }, data: { k: 'v' } }
    const created = await client.create<KubeObject>(CM, body, { handOver: true })
    expect(created.data).to.equal(body.data)
    const patch = { data: { k: 'w' } }
    const patched = await client.patch<KubeObject>(
      CM,
      'handed',
      'default',
      patch,
      PatchType.merge,
      {
        handOver: true,
      }
    )
    expect(patched.data).to.deep.equal({ k: 'w' })
    expect((await client.get<KubeObject>(CM, 'handed', 'default')).data).to.deep.equal({ k: 'w' })
  })

  it('gives each GET its own copy', async () => {
    await client.create(CM, { metadata: { name: 'own', namespace: 'default' }, data: { k: 'v' } })
    const one = await client.get<KubeObject>(CM, 'own', 'default')
    const two = await client.get<KubeObject>(CM, 'own', 'default')
    expect(one).to.deep.equal(two)
    expect(one).not.to.equal(two)
    expect(one.data).not.to.equal(two.data)
  })
})
