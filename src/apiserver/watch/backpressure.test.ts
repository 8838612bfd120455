import { expect } from 'chai'
import { parseKubeVersion, ResourceCatalog } from '../../api/resources/index.js'
import type { KubeObject, WatchEvent } from '../../api/types.js'
import { MemoryStore } from '../storage/index.js'
import { createWatch, longTimeout, type WatchOptions } from './index.js'

describe('createWatch() flow control', () => {
  const info = new ResourceCatalog(parseKubeVersion('1.11.1')).lookup('', 'v1', 'configmaps')!
  const cm = (name: string, v = ''): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'ns' },
    data: { v },
  })
  const options = (store: MemoryStore, o: Partial<WatchOptions> = {}): WatchOptions => ({
    store,
    info,
    matches: () => true,
    render: (obj) => obj,
    encodeKey: 'json:v1',
    bookmark: () => ({}),
    resourceVersion: String(store.currentRv()),
    sendInitialEvents: false,
    allowBookmarks: false,
    timeoutSeconds: 60,
    bookmarkEverySeconds: 0,
    contentType: 'application/json',
    ...o,
  })

  /** A client whose buffer takes `room` events before it says it is full. */
  function client(store: MemoryStore, o: Partial<WatchOptions>, room: number) {
    const got: WatchEvent<unknown>[] = []
    const lines: Buffer[] = []
    let resume = () => {}
    let ended = false
    const stop = createWatch(options(store, o)).start(
      (ev, encoded) => {
        got.push(ev)
        if (encoded) lines.push(encoded())
        return got.length % room !== 0
      },
      () => (ended = true),
      (r) => (resume = r)
    )
    return { got, lines, resume: () => resume(), ended: () => ended, stop }
  }

  it('stops producing while the client is full and goes on, in order, once resumed', () => {
    const store = new MemoryStore({ windowSize: 1000 })
    const from = String(store.currentRv())
    for (let i = 0; i < 10; i++) store.create('configmaps', cm(`c${i}`))
    const c = client(store, { resourceVersion: from }, 3)
    expect(c.got).to.have.length(3)
    store.create('configmaps', cm('late'))
    expect(c.got).to.have.length(3)
    c.resume()
    c.resume()
    c.resume()
    c.resume()
    expect(c.got.map((e) => (e.object as KubeObject).metadata.name)).to.deep.equal([
      ...Array.from({ length: 10 }, (_, i) => `c${i}`),
      'late',
    ])
    c.stop()
  })

  it('encodes each event once for every watcher and shares the Buffer', () => {
    const store = new MemoryStore({ windowSize: 1000 })
    const from = String(store.currentRv())
    for (let i = 0; i < 5; i++) store.create('configmaps', cm(`c${i}`))
    const before = store.window.encodings
    const a = client(store, { resourceVersion: from }, 1000)
    const b = client(store, { resourceVersion: from }, 1000)
    expect(store.window.encodings - before).to.equal(5)
    expect(a.lines.every((l, i) => l === b.lines[i])).to.equal(true)
    expect(JSON.parse(a.lines[0]!.toString())).to.deep.equal(a.got[0])
  })

  it('closes a stalled watcher with 410 Expired once it falls past its budget', () => {
    const store = new MemoryStore({ windowSize: 1000 })
    const c = client(store, { maxLagEvents: 20 }, 1)
    store.create('configmaps', cm('first'))
    expect(c.got).to.have.length(1)
    for (let i = 0; i < 25; i++) store.create('configmaps', cm(`x${i}`))
    const last = c.got[c.got.length - 1]!
    expect(last.type).to.equal('ERROR')
    expect(last.object).to.include({ code: 410, reason: 'Expired' })
    // Under its budget, a stalled watcher is kept.
    const d = client(store, { maxLagEvents: 20 }, 1)
    store.create('configmaps', cm('y'))
    for (let i = 0; i < 10; i++) store.create('configmaps', cm(`y${i}`))
    expect(d.got.map((e) => e.type)).to.deep.equal(['ADDED'])
    d.resume()
    expect(d.got).to.have.length(2)
    d.stop()
  })

  it('chains timers past Node’s 2^31-1 ms limit', async () => {
    let fired = 0
    const t = longTimeout(() => fired++, 2147484 * 1000)
    await new Promise((r) => setTimeout(r, 30))
    expect(fired).to.equal(0)
    t.clear()
    const short = longTimeout(() => fired++, 5)
    await new Promise((r) => setTimeout(r, 40))
    expect(fired).to.equal(1)
    short.clear()
  })
})
