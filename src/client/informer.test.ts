import { expect } from 'chai'
import type { KubeList, KubeObject, WatchEvent } from '../api/types.js'
import type { KubeClient, WatchOptions } from './kube-client.js'
import { fakeClock } from '../util/index.js'
import { Informer } from './informer.js'
import { startInformer } from './start-informer.js'
import { podsRef } from './core-refs.js'

type Script = {
  list: () => KubeList
  watches: ((emit: (ev: WatchEvent) => void, end: (err?: Error) => void) => void)[]
}

/** A KubeClient that answers list and watch from a script and records the watch versions asked for. */
function scriptedClient(s: Script, seen: WatchOptions[]): KubeClient {
  const no = () => Promise.reject(new Error('not scripted'))
  return {
    get: no,
    create: no,
    update: no,
    patch: no,
    delete: no,
    post: no,
    list: <T extends KubeObject>() => Promise.resolve(s.list() as KubeList<T>),
    watch: (_ref, o, onEvent, onEnd) => {
      seen.push(o)
      const w = s.watches.shift()
      if (w) queueMicrotask(() => w(onEvent, onEnd))
      return () => undefined
    },
  }
}

const obj = (name: string, rv: string): KubeObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv },
})
const tick = () => new Promise((r) => setTimeout(r, 5))

describe('Informer', () => {
  it('lists, resumes a closed watch from the last version, and relists after 410 Gone', async () => {
    let listCount = 0
    const seen: WatchOptions[] = []
    const client = scriptedClient(
      {
        list: () => ({
          apiVersion: 'v1',
          kind: 'PodList',
          metadata: { resourceVersion: listCount++ === 0 ? '10' : '50' },
          items: listCount === 1 ? [obj('a', '9')] : [obj('b', '49')],
        }),
        watches: [
          (emit, end) => {
            emit({ type: 'ADDED', object: obj('c', '11') })
            emit({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } })
            end()
          },
          (emit) =>
            emit({
              type: 'ERROR',
              object: { metadata: {}, kind: 'Status', code: 410, reason: 'Expired' },
            }),
        ],
      },
      seen
    )
    const events: string[] = []
    const inf = new Informer(client, podsRef, fakeClock()).on({
      add: (o) => events.push(`add ${o.metadata.name ?? ''}`),
      update: (_a, o) => events.push(`update ${o.metadata.name ?? ''}`),
      delete: (o) => events.push(`delete ${o.metadata.name ?? ''}`),
    })
    const abort = new AbortController()
    await inf.start(abort.signal)
    expect(inf.synced).to.equal(true)
    for (let i = 0; i < 20 && seen.length < 3; i++) await tick()
    abort.abort()
    expect(seen.map((o) => o.resourceVersion)).to.deep.equal(['10', '20', '50'])
    expect(events).to.deep.equal(['add a', 'add c', 'add b', 'delete a', 'delete c'])
    expect(inf.list().map((o) => o.metadata.name)).to.deep.equal(['b'])
    expect(inf.get('ns/b')?.metadata.resourceVersion).to.equal('49')
  })

  it('does not report an unchanged object again on relist (negative)', async () => {
    const seen: WatchOptions[] = []
    const client = scriptedClient(
      {
        list: () => ({
          apiVersion: 'v1',
          kind: 'PodList',
          metadata: { resourceVersion: '5' },
          items: [obj('a', '4')],
        }),
        watches: [
          (emit) => emit({ type: 'ERROR', object: { metadata: {}, code: 410 } as KubeObject }),
        ],
      },
      seen
    )
    const events: string[] = []
    const inf = new Informer(client, podsRef, fakeClock()).on({
      add: () => events.push('add'),
      update: () => events.push('update'),
    })
    const abort = new AbortController()
    await inf.start(abort.signal)
    for (let i = 0; i < 20 && seen.length < 2; i++) await tick()
    abort.abort()
    expect(events).to.deep.equal(['add'])
  })
})

describe('Informer.addIndex', () => {
  it('files objects under their index values and moves them when they change (negative: unknown index throws)', async () => {
    const labelled = (name: string, rv: string, app: string): KubeObject => ({
      metadata: { name, namespace: 'ns', resourceVersion: rv, labels: { app } },
    })
    const client = scriptedClient(
      {
        list: () => ({
          apiVersion: 'v1',
          kind: 'List',
          metadata: { resourceVersion: '2' },
          items: [labelled('a', '1', 'x'), labelled('b', '2', 'y')],
        }),
        watches: [
          (emit) => {
            emit({ type: 'MODIFIED', object: labelled('a', '3', 'y') })
            emit({ type: 'DELETED', object: labelled('b', '4', 'y') })
          },
        ],
      },
      []
    )
    const inf = new Informer(client, podsRef, fakeClock()).addIndex('app', (o) => [
      o.metadata.labels?.app ?? '',
    ])
    const abort = new AbortController()
    await inf.start(abort.signal)
    await tick()
    abort.abort()
    expect(inf.byIndex('app', 'x')).to.deep.equal([])
    expect(inf.byIndex('app', 'y').map((o) => o.metadata.name)).to.deep.equal(['a'])
    expect(() => inf.byIndex('nope', 'x')).to.throw('no such index')
  })

  it('serves an update that keeps the index values from the index, in the order first filed, and lists by namespace', async () => {
    const at = (name: string, rv: string, app: string, namespace = 'ns'): KubeObject => ({
      metadata: { name, namespace, resourceVersion: rv, labels: { app } },
    })
    const client = scriptedClient(
      {
        list: () => ({
          apiVersion: 'v1',
          kind: 'List',
          metadata: { resourceVersion: '3' },
          items: [at('a', '1', 'x'), at('b', '2', 'x'), at('c', '3', 'x', 'other')],
        }),
        watches: [
          (emit) => {
            emit({ type: 'MODIFIED', object: at('a', '4', 'x') })
            emit({ type: 'ADDED', object: at('d', '5', 'x') })
            emit({ type: 'DELETED', object: at('b', '6', 'x') })
          },
        ],
      },
      []
    )
    const inf = new Informer(client, podsRef, fakeClock()).addIndex('app', (o) => [
      o.metadata.labels?.app ?? '',
    ])
    const abort = new AbortController()
    await inf.start(abort.signal)
    await tick()
    abort.abort()
    const x = inf.byIndex('app', 'x')
    expect(x.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)).to.deep.equal([
      'a@4',
      'c@3',
      'd@5',
    ])
    expect(inf.list('ns').map((o) => o.metadata.name)).to.deep.equal(['a', 'd'])
    expect(inf.list('other').map((o) => o.metadata.name)).to.deep.equal(['c'])
    expect(inf.list('none')).to.deep.equal([])
  })
})

describe('Informer deletions', () => {
  it('does not report the deletion of an object it never held (DeltaFIFO.Delete), but does of one it held (negative)', async () => {
    const client = scriptedClient(
      {
        list: () => ({
          apiVersion: 'v1',
          kind: 'PodList',
          metadata: { resourceVersion: '2' },
          items: [obj('a', '1')],
        }),
        watches: [
          (emit) => {
            emit({ type: 'DELETED', object: obj('never-seen', '3') })
            emit({ type: 'DELETED', object: obj('a', '4') })
          },
        ],
      },
      []
    )
    const deleted: string[] = []
    const inf = new Informer(client, podsRef, fakeClock()).on({
      delete: (o) => deleted.push(o.metadata.name ?? ''),
    })
    const abort = new AbortController()
    await inf.start(abort.signal)
    await tick()
    abort.abort()
    expect(deleted).to.deep.equal(['a'])
    expect(inf.items.size).to.equal(0)
  })
})

describe('startInformer', () => {
  it('pauses retryMs after a failed list, reports it to onError, then syncs and serves items (negative: not before the pause)', async () => {
    let lists = 0
    const stopped: string[] = []
    const client: KubeClient = {
      ...scriptedClient(
        { list: () => ({ apiVersion: 'v1', kind: 'List', metadata: {}, items: [] }), watches: [] },
        []
      ),
      list: <T extends KubeObject>() =>
        lists++ === 0
          ? Promise.reject(new Error('connection refused'))
          : Promise.resolve({
              apiVersion: 'v1',
              kind: 'PodList',
              metadata: { resourceVersion: '7' },
              items: [obj('a', '6')],
            } as KubeList<T>),
      watch: () => () => void stopped.push('watch'),
    }
    const clock = fakeClock()
    const errors: string[] = []
    const added: string[] = []
    let synced = false
    const inf = startInformer(
      client,
      clock,
      podsRef,
      { retryMs: 1000, onError: (e) => errors.push(String(e)) },
      { onAdd: (o) => added.push(o.metadata.name ?? '') }
    )
    void inf.synced.then(() => (synced = true))
    await tick()
    expect(errors).to.deep.equal(['Error: failed to list pods'])
    clock.advance(999)
    await tick()
    expect(synced).to.equal(false)
    clock.advance(1)
    await tick()
    expect(synced).to.equal(true)
    expect(added).to.deep.equal(['a'])
    expect([...inf.items.keys()]).to.deep.equal(['ns/a'])
    inf.stop()
    expect(stopped).to.deep.equal(['watch'])
  })
})
