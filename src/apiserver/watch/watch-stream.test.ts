import { expect } from 'chai'
import { isStatusError, type StatusError } from '../../api/errors.js'
import { parseKubeVersion, ResourceCatalog } from '../../api/resources/index.js'
import type { KubeObject, WatchEvent } from '../../api/types.js'
import { createSimPki } from '../../backends/sim/index.js'
import { createApiServer, type StartedApiServer } from '../api-server.js'
import type { WatchStream } from '../request/index.js'
import { MemoryStore } from '../storage/index.js'
import { createWatch, type WatchOptions } from './index.js'

type Obj = Record<string, unknown>

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'

interface Opened {
  events: WatchEvent<unknown>[]
  ended: () => boolean
  stop: () => void
  /** Resolves when the stream has ended. */
  done: Promise<void>
}

function open(stream: WatchStream): Opened {
  const events: WatchEvent<unknown>[] = []
  let ended = false
  let resolve = () => {}
  const done = new Promise<void>((r) => (resolve = r))
  const stop = stream.start(
    (ev) => events.push(ev),
    () => {
      ended = true
      resolve()
    }
  )
  return { events, ended: () => ended, stop, done }
}

function summary(events: WatchEvent<unknown>[]): string[] {
  return events.map((e) => `${e.type} ${String((e.object as KubeObject).metadata?.name ?? '')}`)
}

function cm(name: string, namespace: string, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
  }
}

/** Polls until `fn` is true (the periodic bookmark and timeout tests wait on real timers). */
async function until(fn: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !fn(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(fn(), 'condition never became true').to.equal(true)
}

describe('createWatch()', () => {
  const info = new ResourceCatalog(parseKubeVersion('1.11.1')).lookup('', 'v1', 'configmaps')!

  function options(store: MemoryStore, o: Partial<WatchOptions>): WatchOptions {
    return {
      store,
      info,
      matches: () => true,
      render: (obj) => obj,
      bookmark: (rv, end) => ({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { resourceVersion: rv, end },
      }),
      resourceVersion: '0',
      sendInitialEvents: false,
      allowBookmarks: false,
      timeoutSeconds: 60,
      bookmarkEverySeconds: 0,
      contentType: 'application/json',
      ...o,
    }
  }

  it('sends a 410 as an ERROR event and ends the stream', async () => {
    const store = new MemoryStore({ windowSize: 2 })
    for (let i = 0; i < 6; i++) store.create('configmaps', cm(`c${i}`, 'default'))
    const w = open(createWatch(options(store, { resourceVersion: '2' })))
    await w.done
    expect(w.events).to.have.length(1)
    expect(w.events[0]!.type).to.equal('ERROR')
    expect(w.events[0]!.object).to.include({ kind: 'Status', code: 410, reason: 'Expired' })
    expect((w.events[0]!.object as StatusError['status']).message).to.match(
      /^too old resource version: 2 /
    )
  })

  it('ends the stream after timeoutSeconds and stops delivering', async () => {
    const store = new MemoryStore({ windowSize: 100 })
    const w = open(createWatch(options(store, { timeoutSeconds: 0.02 })))
    await w.done
    store.create('configmaps', cm('late', 'default'))
    expect(w.events).to.deep.equal([])
  })

  it('sends periodic bookmarks at the last seen version only when allowed', async () => {
    const store = new MemoryStore({ windowSize: 100 })
    const allowed = open(
      createWatch(options(store, { allowBookmarks: true, bookmarkEverySeconds: 0.01 }))
    )
    const refused = open(
      createWatch(options(store, { allowBookmarks: false, bookmarkEverySeconds: 0.01 }))
    )
    const c = store.create('configmaps', cm('a', 'default'))
    await until(() => allowed.events.some((e) => e.type === 'BOOKMARK'))
    allowed.stop()
    refused.stop()
    const bm = allowed.events.find((e) => e.type === 'BOOKMARK')!
    expect(bm.object).to.deep.equal({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: c.metadata.resourceVersion, end: false },
    })
    expect(refused.events.map((e) => e.type)).to.deep.equal(['ADDED'])
  })

  it('stops delivering after stop()', () => {
    const store = new MemoryStore({ windowSize: 100 })
    const w = open(createWatch(options(store, {})))
    store.create('configmaps', cm('a', 'default'))
    w.stop()
    store.create('configmaps', cm('b', 'default'))
    expect(summary(w.events)).to.deep.equal(['ADDED a'])
  })
})

describe('watch through the API handler', () => {
  let api: StartedApiServer
  let seq = 0

  async function namespace(): Promise<string> {
    const name = `w-${++seq}`
    await api.handler.handle({
      method: 'POST',
      path: '/api/v1/namespaces',
      query: new URLSearchParams(),
      headers: {},
      body: { metadata: { name } },
      user: 'admin',
    })
    return name
  }

  async function write(method: string, path: string, body: unknown): Promise<KubeObject> {
    const a = await api.handler.handle({
      method,
      path,
      query: new URLSearchParams(),
      headers: {},
      body,
      user: 'admin',
    })
    return (a as { body: KubeObject }).body
  }

  async function watch(
    path: string,
    query: Record<string, string>,
    accept?: string
  ): Promise<Opened> {
    const a = await api.handler.handle({
      method: 'GET',
      path,
      query: new URLSearchParams({ watch: 'true', ...query }),
      headers: accept ? { accept } : {},
      user: 'admin',
    })
    expect(a.status).to.equal(200)
    expect('watch' in a, 'a watch stream').to.equal(true)
    return open((a as { watch: WatchStream }).watch)
  }

  async function refused(path: string, query: Record<string, string>): Promise<StatusError> {
    try {
      await watch(path, query)
    } catch (err) {
      if (isStatusError(err)) return err
      throw err
    }
    throw new Error('expected the watch to be refused')
  }

  const opened: Opened[] = []
  afterEach(() => {
    for (const w of opened.splice(0)) w.stop()
  })

  before(async () => {
    const pki = await createSimPki('10.96.0.1', [])
    api = await createApiServer({
      kubeVersion: parseKubeVersion('1.11.1'),
      tls: { certPem: pki.apiserver.certPem, keyPem: pki.apiserver.keyPem, caPem: pki.ca.certPem },
      token: pki.token,
      host: '127.0.0.1',
      port: 0,
      serviceSubnet: '10.96.0.0/12',
      nodePortRange: [30000, 32767],
      watchWindow: 50,
    }).start()
  })

  after(() => api.stop())

  for (const rv of ['', '0']) {
    it(`starts with ADDED events for the current state when resourceVersion is "${rv}"`, async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await write('POST', base, cm('a', ns))
      await write('POST', base, cm('b', ns))
      const w = await watch(base, { resourceVersion: rv })
      opened.push(w)
      await write('POST', base, cm('c', ns))
      await write('DELETE', `${base}/a`, undefined)
      expect(summary(w.events)).to.deep.equal(['ADDED a', 'ADDED b', 'ADDED c', 'DELETED a'])
    })
  }

  it('replays the changes after a resourceVersion N', async () => {
    const ns = await namespace()
    const base = `/api/v1/namespaces/${ns}/configmaps`
    const a = await write('POST', base, cm('a', ns))
    await write('POST', base, cm('b', ns))
    await write('PUT', `${base}/a`, { ...a, data: { k: 'v' } })
    const w = await watch(base, { resourceVersion: a.metadata.resourceVersion! })
    opened.push(w)
    expect(summary(w.events)).to.deep.equal(['ADDED b', 'MODIFIED a'])
    expect(w.events[1]!.object).to.nested.include({ 'data.k': 'v' })
  })

  it('sends ADDED and DELETED when an object enters or leaves the label selection', async () => {
    const ns = await namespace()
    const base = `/api/v1/namespaces/${ns}/configmaps`
    const w = await watch(base, { resourceVersion: '0', labelSelector: 'app=web' })
    opened.push(w)
    const a = await write('POST', base, cm('a', ns))
    const a2 = await write('PUT', `${base}/a`, {
      ...a,
      metadata: { ...a.metadata, labels: { app: 'web' } },
    })
    const a3 = await write('PUT', `${base}/a`, { ...a2, data: { x: '1' } })
    const a4 = await write('PUT', `${base}/a`, {
      ...a3,
      metadata: { ...a3.metadata, labels: { app: 'db' } },
    })
    await write('PUT', `${base}/a`, { ...a4, data: { x: '2' } })
    await write('DELETE', `${base}/a`, undefined)
    expect(summary(w.events)).to.deep.equal(['ADDED a', 'MODIFIED a', 'DELETED a'])
  })

  it('keeps to its namespace and to a metadata.name field selector', async () => {
    const ns = await namespace()
    const other = await namespace()
    const w = await watch(`/api/v1/namespaces/${ns}/configmaps`, {
      fieldSelector: 'metadata.name=b',
    })
    opened.push(w)
    await write('POST', `/api/v1/namespaces/${other}/configmaps`, cm('b', other))
    await write('POST', `/api/v1/namespaces/${ns}/configmaps`, cm('a', ns))
    await write('POST', `/api/v1/namespaces/${ns}/configmaps`, cm('b', ns))
    expect(summary(w.events)).to.deep.equal(['ADDED b'])
    expect((w.events[0]!.object as KubeObject).metadata.namespace).to.equal(ns)
  })

  it('watches one object through the legacy /watch/ path', async () => {
    const ns = await namespace()
    const base = `/api/v1/namespaces/${ns}/configmaps`
    await write('POST', base, cm('a', ns))
    await write('POST', base, cm('b', ns))
    const a = await api.handler.handle({
      method: 'GET',
      path: `/api/v1/watch/namespaces/${ns}/configmaps/a`,
      query: new URLSearchParams(),
      headers: {},
      user: 'admin',
    })
    expect('watch' in a, 'a watch stream').to.equal(true)
    const w = open((a as { watch: WatchStream }).watch)
    opened.push(w)
    await write('POST', base, cm('c', ns))
    expect(summary(w.events)).to.deep.equal(['ADDED a'])
  })

  it('refuses sendInitialEvents without resourceVersionMatch=NotOlderThan and bookmarks', async () => {
    const base = '/api/v1/namespaces/default/configmaps'
    const a = await refused(base, { sendInitialEvents: 'true' })
    expect(a.code).to.equal(400)
    expect(a.message).to.contain(
      'sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan'
    )
    const b = await refused(base, {
      sendInitialEvents: 'true',
      resourceVersionMatch: 'NotOlderThan',
    })
    expect(b.code).to.equal(400)
    const c = await refused(base, {
      sendInitialEvents: 'true',
      allowWatchBookmarks: 'true',
      resourceVersionMatch: 'Exact',
    })
    expect(c.code).to.equal(400)
  })

  it('ends the initial events of a WatchList with an initial-events-end BOOKMARK', async () => {
    const ns = await namespace()
    const base = `/api/v1/namespaces/${ns}/configmaps`
    await write('POST', base, cm('a', ns))
    await write('POST', base, cm('b', ns))
    const w = await watch(base, {
      sendInitialEvents: 'true',
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: 'true',
      resourceVersion: '',
    })
    opened.push(w)
    await write('POST', base, cm('c', ns))
    expect(w.events.map((e) => e.type)).to.deep.equal(['ADDED', 'ADDED', 'BOOKMARK', 'ADDED'])
    const bm = w.events[2]!.object as KubeObject
    expect(bm.kind).to.equal('ConfigMap')
    expect(bm.apiVersion).to.equal('v1')
    expect(bm.metadata.annotations).to.deep.equal({ 'k8s.io/initial-events-end': 'true' })
    expect(Number(bm.metadata.resourceVersion)).to.be.at.least(
      Number((w.events[1]!.object as KubeObject).metadata.resourceVersion)
    )
    expect(Number((w.events[3]!.object as KubeObject).metadata.resourceVersion)).to.be.greaterThan(
      Number(bm.metadata.resourceVersion)
    )
  })

  it('sends a 410 ERROR event for a resourceVersion older than the window', async () => {
    const ns = await namespace()
    const base = `/api/v1/namespaces/${ns}/configmaps`
    const first = await write('POST', base, cm('first', ns))
    for (let i = 0; i < 60; i++) await write('POST', base, cm(`n${i}`, ns))
    const w = await watch(base, { resourceVersion: first.metadata.resourceVersion! })
    opened.push(w)
    await w.done
    expect(w.events.map((e) => e.type)).to.deep.equal(['ERROR'])
    expect(w.events[0]!.object).to.include({ kind: 'Status', code: 410, reason: 'Expired' })
  })

  it('sends one Table row per event when asked for Tables', async () => {
    const ns = await namespace()
    const base = `/api/v1/namespaces/${ns}/pods`
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }
    await write('POST', base, pod)
    const w = await watch(base, { resourceVersion: '0' }, TABLE_ACCEPT)
    opened.push(w)
    await write('POST', base, { ...pod, metadata: { name: 'q' } })
    expect(w.events.map((e) => e.type)).to.deep.equal(['ADDED', 'ADDED'])
    for (const [i, name] of ['p', 'q'].entries()) {
      const table = w.events[i]!.object as Obj
      expect(table.kind).to.equal('Table')
      expect(table.apiVersion).to.equal('meta.k8s.io/v1')
      const rows = table.rows as Obj[]
      expect(rows).to.have.length(1)
      expect((rows[0]!.cells as unknown[])[0]).to.equal(name)
      expect(rows[0]!.object).to.nested.include({
        kind: 'PartialObjectMetadata',
        'metadata.name': name,
      })
    }
  })

  it('refuses a malformed watch parameter with 400', async () => {
    const err = await refused('/api/v1/configmaps', { labelSelector: 'a in (' })
    expect(err.code).to.equal(400)
    const t = await refused('/api/v1/configmaps', { timeoutSeconds: 'soon' })
    expect(t.code).to.equal(400)
  })
})
