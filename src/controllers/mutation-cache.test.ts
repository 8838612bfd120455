import { expect } from 'chai'
import type { KubeObject, Obj, WatchEvent } from '../api/types.js'
import { Informer, type KubeClient, type ResourceRef } from '../client/index.js'
import { scaledClock } from '../util/index.js'
import type { ControllerContext } from './controller.js'
import { reconcileCrd } from './crd-established-controller.js'
import { MutationCache, writeThrough } from './mutation-cache.js'
import { badRequest, conflict, notFound } from '../api/errors.js'

const REF: ResourceRef = {
  apiVersion: 'apiextensions.k8s.io/v1beta1',
  resource: 'customresourcedefinitions',
  namespaced: false,
}

/** A client whose informer sees only what the test pushes, and whose updates bump the version. */
class FakeApi {
  items: KubeObject[] = []
  updates: KubeObject[] = []
  private onEvent: ((ev: WatchEvent) => void) | undefined
  private rv = 100

  client(): KubeClient {
    const fail = () => Promise.reject(new Error('not in this fake'))
    return {
      get: fail,
      create: fail,
      patch: fail,
      delete: fail,
      post: fail,
      list: <T extends KubeObject>() =>
        Promise.resolve({
          apiVersion: 'v1',
          kind: 'List',
          items: this.items as T[],
          metadata: { resourceVersion: '1' },
        }),
      update: <T extends KubeObject>(_ref: ResourceRef, obj: T) => {
        const out = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } }
        this.updates.push(out)
        return Promise.resolve(out)
      },
      watch: (_ref, _o, onEvent) => {
        this.onEvent = onEvent
        return () => undefined
      },
    }
  }

  push(type: WatchEvent['type'], object: KubeObject): void {
    this.onEvent?.({ type, object })
  }
}

const obj = (name: string, rv: string, data: Obj = {}, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, resourceVersion: rv, ...(namespace ? { namespace } : {}) },
  ...data,
})

async function started(api: FakeApi): Promise<Informer> {
  const inf = new Informer(api.client(), REF, scaledClock(0.1))
  const abort = new AbortController()
  after(() => abort.abort())
  await inf.start(abort.signal)
  return inf
}

describe('MutationCache', () => {
  it('returns its own write until the informer delivers that version, then the informer’s', async () => {
    const api = new FakeApi()
    api.items = [obj('a', '5', { data: 'old' })]
    const inf = await started(api)
    const cache = new MutationCache(inf)
    const written = obj('a', '7', { data: 'mine' })
    cache.mutated(written)
    expect(cache.get('a')).to.equal(written)
    expect(cache.list()).to.deep.equal([written])
    // An older version the informer still had in flight does not replace the write.
    api.push('MODIFIED', obj('a', '6', { data: 'older' }))
    expect(cache.get('a')).to.equal(written)
    api.push('MODIFIED', obj('a', '7', { data: 'mine' }))
    expect(cache.get('a')).to.equal(inf.get('a'))
    // Once delivered, a later version is the informer's alone.
    api.push('MODIFIED', obj('a', '9', { data: 'theirs' }))
    expect(cache.get('a')?.data).to.equal('theirs')
  })

  it('ignores a write older than what the informer has, and forgets a deleted object', async () => {
    const api = new FakeApi()
    api.items = [obj('a', '8')]
    const inf = await started(api)
    const cache = new MutationCache(inf)
    cache.mutated(obj('a', '7', { data: 'stale' }))
    expect(cache.get('a')?.metadata.resourceVersion).to.equal('8')
    cache.mutated(obj('b', '9'))
    expect(cache.get('b')).to.not.equal(undefined)
    api.push('ADDED', obj('b', '9'))
    api.push('DELETED', obj('b', '10'))
    expect(cache.get('b')).to.equal(undefined)
    cache.mutated(obj('c', '11'))
    cache.forget('c')
    expect(cache.get('c')).to.equal(undefined)
  })

  it('lists an object it created that the informer has not seen, in its namespace only', async () => {
    const api = new FakeApi()
    api.items = [obj('a', '5', {}, 'x')]
    const inf = await started(api)
    const cache = new MutationCache(inf)
    cache.mutated(obj('b', '6', {}, 'x'))
    cache.mutated(obj('c', '7', {}, 'y'))
    expect(cache.list('x').map((o) => o.metadata.name)).to.deep.equal(['a', 'b'])
    expect(cache.list('y').map((o) => o.metadata.name)).to.deep.equal(['c'])
    expect(cache.list().map((o) => o.metadata.name)).to.deep.equal(['a', 'b', 'c'])
  })
})

describe('writeThrough()', () => {
  it('keeps the answer of a write, and forgets it when a Conflict or NotFound shows it was behind', async () => {
    const api = new FakeApi()
    api.items = [obj('a', '5')]
    const cache = new MutationCache(await started(api))
    const gr = { group: '', resource: 'configmaps' }
    const answer = obj('a', '6', { data: 'mine' })
    expect(await writeThrough(cache, 'a', () => Promise.resolve(answer))).to.equal(answer)
    expect(cache.get('a')).to.equal(answer)
    // Another error says nothing of the cached copy: the write is kept.
    await writeThrough(cache, 'a', () => Promise.reject(badRequest('no'))).catch(() => undefined)
    expect(cache.get('a')).to.equal(answer)
    for (const err of [conflict(gr, 'a'), notFound(gr, 'a')]) {
      cache.mutated(answer)
      const thrown = await writeThrough(cache, 'a', () => Promise.reject(err)).catch((e) => e)
      expect(thrown).to.equal(err)
      expect(cache.get('a')?.metadata.resourceVersion).to.equal('5')
    }
    // Without a cache it only writes.
    expect(await writeThrough(undefined, 'a', () => Promise.resolve(answer))).to.equal(answer)
  })
})

const crd = (name: string, plural: string, kind: string): KubeObject => ({
  apiVersion: REF.apiVersion,
  kind: 'CustomResourceDefinition',
  metadata: { name, resourceVersion: '2' },
  spec: { group: 'example.com', version: 'v1', names: { plural, kind } },
})

describe('reconcileCrd() over a lagging informer', () => {
  it('refuses a plural the controller just accepted for another CRD, before the informer shows it', async () => {
    const api = new FakeApi()
    api.items = [
      crd('gadgets.example.com', 'gadgets', 'Gadget'),
      crd('gadgets2.example.com', 'gadgets', 'Gadget2'),
    ]
    const inf = await started(api)
    const cache = new MutationCache(inf)
    const ctx = { client: api.client(), clock: scaledClock(0.1) } as ControllerContext
    await reconcileCrd(ctx, REF, 'gadgets.example.com', cache)
    await reconcileCrd(ctx, REF, 'gadgets2.example.com', cache)
    const reasons = api.updates.map(
      (u) => ((u.status as Obj).conditions as Obj[]).find((c) => c.type === 'NamesAccepted')?.reason
    )
    expect(reasons).to.deep.equal(['NoConflicts', 'PluralConflict'])
    // Without the controller's own writes, the informer's view would accept both.
    const blind = new MutationCache(inf)
    api.updates = []
    await reconcileCrd(ctx, REF, 'gadgets2.example.com', blind)
    expect(((api.updates[0]!.status as Obj).conditions as Obj[])[0]!.reason).to.equal('NoConflicts')
  })
})
