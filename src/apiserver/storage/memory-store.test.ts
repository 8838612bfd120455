import { expect } from 'chai'
import { isStatusError, type StatusError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { MemoryStore, type StoreEvent } from './index.js'

function cm(name: string, namespace = 'default', data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data }
}

function thrown(fn: () => unknown): StatusError {
  try {
    fn()
  } catch (err) {
    if (isStatusError(err)) return err
    throw err
  }
  throw new Error('expected a StatusError')
}

describe('MemoryStore.writing()', () => {
  it('marks the events of the writes it runs with their writer, and no others', () => {
    const s = new MemoryStore()
    const seen: (string | undefined)[] = []
    s.subscribe((ev) => seen.push(ev.by))
    s.writing('kubectl-create', () => s.create('configmaps', cm('a')))
    s.writing('kubelet', () => s.writing('helm', () => s.create('configmaps', cm('b'))))
    s.update('configmaps', { ...cm('a', 'default', { k: 'v' }) })
    const boom = () => {
      throw new Error('boom')
    }
    expect(() => s.writing('x', boom)).to.throw('boom')
    s.delete({ storage: 'configmaps', namespace: 'default', name: 'b' })
    expect(seen).to.deep.equal(['kubectl-create', 'helm', undefined, undefined])
  })
})

describe('MemoryStore', () => {
  describe('resourceVersion', () => {
    it('increments one global counter on every write, across storages', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const start = s.currentRv()
      const a = s.create('configmaps', cm('a'))
      const b = s.create('secrets', cm('b'))
      const a2 = s.update('configmaps', { ...a, data: { k: 'v' } })
      const gone = s.delete({ storage: 'configmaps', namespace: 'default', name: 'a' })
      expect([a, b, a2, gone].map((o) => Number(o?.metadata.resourceVersion))).to.deep.equal([
        start + 1,
        start + 2,
        start + 3,
        start + 4,
      ])
      expect(s.currentRv()).to.equal(start + 4)
    })

    it('reports the list resourceVersion as the current one', () => {
      const s = new MemoryStore({ windowSize: 100 })
      s.create('configmaps', cm('a'))
      s.create('configmaps', cm('b', 'other'))
      const { items, rv } = s.list('configmaps')
      expect(rv).to.equal(s.currentRv())
      expect(items.map((o) => o.metadata.name)).to.deep.equal(['a', 'b'])
      expect(s.list('configmaps', 'other').items.map((o) => o.metadata.name)).to.deep.equal(['b'])
      expect(s.count('configmaps')).to.equal(2)
    })

    it('returns undefined when deleting a missing object and does not bump the counter', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const rv = s.currentRv()
      expect(s.delete({ storage: 'configmaps', namespace: 'default', name: 'nope' })).to.equal(
        undefined
      )
      expect(s.currentRv()).to.equal(rv)
    })
  })

  describe('label index', () => {
    const labelled = (name: string, ns: string, labels: Record<string, string>) => ({
      ...cm(name, ns),
      metadata: { name, namespace: ns, labels },
    })
    const names = (s: MemoryStore, label: [string, string], ns?: string) =>
      s
        .list('configmaps', ns, { label })
        .items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)

    it('lists the objects carrying a label, in list order, within a namespace or across all', () => {
      const s = new MemoryStore({ windowSize: 100 })
      s.create('configmaps', labelled('c', 'a', { app: 'web' }))
      s.create('configmaps', labelled('b', 'b', { app: 'web' }))
      s.create('configmaps', labelled('a', 'a', { app: 'web', tier: 'x' }))
      s.create('configmaps', labelled('d', 'a', { app: 'db' }))
      s.create('secrets', labelled('e', 'a', { app: 'web' }))
      expect(names(s, ['app', 'web'])).to.deep.equal(['a/a', 'a/c', 'b/b'])
      expect(names(s, ['app', 'web'], 'a')).to.deep.equal(['a/a', 'a/c'])
      expect(names(s, ['app', 'none'])).to.deep.equal([])
    })

    it('follows relabelling and deletion', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const a = s.create('configmaps', labelled('a', 'ns', { app: 'web' }))
      s.create('configmaps', labelled('b', 'ns', { app: 'web' }))
      s.update('configmaps', { ...a, metadata: { ...a.metadata, labels: { app: 'db' } } })
      expect(names(s, ['app', 'web'])).to.deep.equal(['ns/b'])
      expect(names(s, ['app', 'db'])).to.deep.equal(['ns/a'])
      s.delete({ storage: 'configmaps', namespace: 'ns', name: 'b' })
      expect(names(s, ['app', 'web'])).to.deep.equal([])
    })
  })

  describe('copies', () => {
    it('isolates the stored object from what create, get and list return', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const input = cm('a', 'default', { k: 'v' })
      const created = s.create('configmaps', input)
      input.data = { k: 'changed-input' }
      ;(created.data as Record<string, string>).k = 'changed-created'
      const got = s.get({ storage: 'configmaps', namespace: 'default', name: 'a' })!
      ;(got.data as Record<string, string>).k = 'changed-got'
      const listed = s.list('configmaps').items[0]!
      ;(listed.data as Record<string, string>).k = 'changed-listed'
      expect(s.get({ storage: 'configmaps', namespace: 'default', name: 'a' })!.data).to.deep.equal(
        { k: 'v' }
      )
    })

    it('hands watchers the stored object read-only, never a writer’s copy', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const seen: StoreEvent[] = []
      s.watch('configmaps', s.currentRv(), (ev) => seen.push(ev))
      const returned = s.create('configmaps', cm('a'))
      ;(returned.metadata as Record<string, unknown>).name = 'changed-by-the-writer'
      expect(seen[0]!.object.metadata.name).to.equal('a')
      expect(seen[0]!.object).to.equal(
        s.peek({ storage: 'configmaps', namespace: 'default', name: 'a' })
      )
    })
  })

  describe('adopt() and remove()', () => {
    it('stores the object handed over without copying its members, and returns it', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const data = { k: 'v' }
      const input: KubeObject = { ...cm('a'), data }
      const stored = s.adopt('configmaps', input, 'ADDED')
      const key = { storage: 'configmaps', namespace: 'default', name: 'a' }
      expect(stored).to.equal(s.peek(key))
      expect(stored.data).to.equal(data)
      // A new top level and metadata carry the resourceVersion; the caller's are left as they were.
      expect(stored.metadata.resourceVersion).to.equal(String(s.currentRv()))
      expect(input.metadata.resourceVersion).to.equal(undefined)
      const replaced = s.adopt('configmaps', { ...stored, data: { k: 'w' } }, 'MODIFIED')
      expect(s.peek(key)).to.equal(replaced)
      expect(stored.data).to.deep.equal({ k: 'v' })
    })

    it('emits MODIFIED with the object before, and remove() returns the DELETED event’s object', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const seen: StoreEvent[] = []
      s.subscribe((ev) => seen.push(ev))
      const first = s.adopt('configmaps', cm('a'), 'ADDED')
      s.adopt('configmaps', { ...first, data: { k: 'w' } }, 'MODIFIED')
      const removed = s.remove({ storage: 'configmaps', namespace: 'default', name: 'a' })
      expect(seen.map((ev) => ev.type)).to.deep.equal(['ADDED', 'MODIFIED', 'DELETED'])
      expect(seen[1]!.old).to.equal(first)
      expect(removed).to.equal(seen[2]!.object)
      expect(removed!.metadata.resourceVersion).to.equal(String(s.currentRv()))
      expect(s.remove({ storage: 'configmaps', namespace: 'default', name: 'a' })).to.equal(
        undefined
      )
    })
  })

  describe('watch()', () => {
    it('replays the events after a version inside the window, then follows live writes', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const a = s.create('configmaps', cm('a'))
      const from = Number(a.metadata.resourceVersion)
      s.update('configmaps', { ...a, data: { x: '1' } })
      s.create('secrets', cm('not-a-configmap'))
      s.delete({ storage: 'configmaps', namespace: 'default', name: 'a' })
      const seen: StoreEvent[] = []
      const stop = s.watch('configmaps', from, (ev) => seen.push(ev))
      s.create('configmaps', cm('b'))
      stop()
      s.create('configmaps', cm('c'))
      expect(seen.map((e) => [e.type, e.object.metadata.name])).to.deep.equal([
        ['MODIFIED', 'a'],
        ['DELETED', 'a'],
        ['ADDED', 'b'],
      ])
      // Every event's object carries the resourceVersion of that event.
      for (const e of seen) expect(e.object.metadata.resourceVersion).to.equal(String(e.rv))
    })

    it('keeps replayed ADDED and MODIFIED objects at their own version after a delete', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const start = s.currentRv()
      s.create('configmaps', cm('a'))
      s.delete({ storage: 'configmaps', namespace: 'default', name: 'a' })
      const seen: StoreEvent[] = []
      s.watch('configmaps', start, (ev) => seen.push(ev))
      expect(seen.map((e) => [e.type, e.object.metadata.resourceVersion])).to.deep.equal([
        ['ADDED', String(start + 1)],
        ['DELETED', String(start + 2)],
      ])
    })

    it('answers 410 Gone (too old resource version) for a version older than the window', () => {
      const s = new MemoryStore({ windowSize: 3 })
      const first = s.create('configmaps', cm('a'))
      for (let i = 0; i < 5; i++) s.create('configmaps', cm(`n${i}`))
      const err = thrown(() =>
        s.watch('configmaps', Number(first.metadata.resourceVersion), () => {})
      )
      expect(err.code).to.equal(410)
      expect(err.reason).to.equal('Expired')
      expect(err.message).to.match(/^too old resource version: \d+ \(\d+\)$/)
    })

    it('accepts the oldest version the window can still resume from', () => {
      const s = new MemoryStore({ windowSize: 3 })
      for (let i = 0; i < 6; i++) s.create('configmaps', cm(`n${i}`))
      const now = s.currentRv()
      const seen: StoreEvent[] = []
      s.watch('configmaps', now - 3, (ev) => seen.push(ev))
      expect(seen.map((e) => e.rv)).to.deep.equal([now - 2, now - 1, now])
      expect(() => s.watch('configmaps', now - 4, () => {})).to.throw(/too old resource version/)
    })

    it('does not answer 410 for the current version or a version from the future', () => {
      const s = new MemoryStore({ windowSize: 1 })
      for (let i = 0; i < 5; i++) s.create('configmaps', cm(`n${i}`))
      expect(() => s.watch('configmaps', s.currentRv(), () => {})).to.not.throw()
      expect(() => s.watch('configmaps', s.currentRv() + 10, () => {})).to.not.throw()
      expect(() => s.watch('configmaps', 0, () => {})).to.not.throw()
    })

    it('carries the previous object on MODIFIED events', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const a = s.create('configmaps', {
        ...cm('a'),
        metadata: { name: 'a', namespace: 'default', labels: { app: 'x' } },
      })
      const seen: StoreEvent[] = []
      s.watch('configmaps', s.currentRv(), (ev) => seen.push(ev))
      s.update('configmaps', { ...a, metadata: { ...a.metadata, labels: { app: 'y' } } })
      expect(seen).to.have.length(1)
      expect(seen[0]!.type).to.equal('MODIFIED')
      expect(seen[0]!.old?.metadata.labels).to.deep.equal({ app: 'x' })
      expect(seen[0]!.object.metadata.labels).to.deep.equal({ app: 'y' })
    })

    it('does not carry an old object on ADDED and DELETED events', () => {
      const s = new MemoryStore({ windowSize: 100 })
      const seen: StoreEvent[] = []
      s.watch('configmaps', s.currentRv(), (ev) => seen.push(ev))
      s.create('configmaps', cm('a'))
      s.delete({ storage: 'configmaps', namespace: 'default', name: 'a' })
      expect(seen.map((e) => [e.type, e.old])).to.deep.equal([
        ['ADDED', undefined],
        ['DELETED', undefined],
      ])
    })
  })
})
