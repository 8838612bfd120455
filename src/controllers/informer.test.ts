import { expect } from 'chai'
import type { KubeList, KubeObject, WatchEvent } from '../api/types.js'
import type { KubeClient, WatchOptions } from '../client/index.js'
import { fakeClock } from '../util/index.js'
import { Informer } from './informer.js'
import { Refs } from './refs.js'

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
    const inf = new Informer(client, Refs.pods, fakeClock()).on({
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
    const inf = new Informer(client, Refs.pods, fakeClock()).on({
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
    const inf = new Informer(client, Refs.pods, fakeClock()).addIndex('app', (o) => [
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
})
