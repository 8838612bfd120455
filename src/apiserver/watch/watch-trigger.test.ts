import { expect } from 'chai'
import { parseKubeVersion, ResourceCatalog } from '../../api/resources/index.js'
import type { KubeObject, WatchEvent } from '../../api/types.js'
import { MemoryStore } from '../storage/index.js'
import { createWatch, type WatchOptions } from './index.js'

function pod(name: string, nodeName?: string, phase = 'Pending'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns' },
    spec: { containers: [{ name: 'c', image: 'pause' }], ...(nodeName ? { nodeName } : {}) },
    status: { phase },
  }
}

const nodeOf = (o: KubeObject) => (o.spec as { nodeName?: string }).nodeName ?? ''

describe('watch triggers (spec.nodeName of pods)', () => {
  const info = new ResourceCatalog(parseKubeVersion('1.11.1')).lookup('', 'v1', 'pods')!

  /** Opens a watch of the pods on `node` from now; counts the objects its selector looked at. */
  function watchNode(store: MemoryStore, node: string, trigger: boolean) {
    const looked: string[] = []
    const o: WatchOptions = {
      store,
      info,
      matches: (obj) => {
        looked.push(obj.metadata.name ?? '')
        return nodeOf(obj) === node
      },
      ...(trigger ? { exactField: (f: string) => (f === 'spec.nodeName' ? node : undefined) } : {}),
      render: (obj) => obj,
      bookmark: (rv) => ({ metadata: { resourceVersion: rv } }),
      resourceVersion: String(store.currentRv()),
      sendInitialEvents: false,
      allowBookmarks: false,
      timeoutSeconds: 60,
      bookmarkEverySeconds: 0,
      contentType: 'application/json',
    }
    const events: WatchEvent<unknown>[] = []
    const stop = createWatch(o).start(
      (ev) => void events.push(ev),
      () => undefined
    )
    const seen = () =>
      events.map((e) => `${e.type} ${(e.object as KubeObject).metadata.name ?? ''}`)
    return { seen, looked, stop }
  }

  it("hears only its node's pods: bound to it, changed on it, deleted from it", () => {
    const store = new MemoryStore()
    const w = watchNode(store, 'n1', true)
    store.create('pods', pod('a'))
    store.create('pods', pod('b', 'n2'))
    store.update('pods', { ...pod('a', 'n1'), metadata: { name: 'a', namespace: 'ns' } })
    store.update('pods', pod('a', 'n1', 'Running'))
    store.update('pods', pod('b', 'n2', 'Running'))
    store.delete({ storage: 'pods', namespace: 'ns', name: 'a' })
    expect(w.seen()).to.deep.equal(['ADDED a', 'MODIFIED a', 'DELETED a'])
    // The unscheduled pod (its events concern the watchers of "") and n2's were never looked at.
    expect(w.looked).to.not.include('b')
    w.stop()
  })

  it('without a pinned nodeName every pod event is looked at (and filtered by the selector)', () => {
    const store = new MemoryStore()
    const w = watchNode(store, 'n1', false)
    store.create('pods', pod('b', 'n2'))
    store.update('pods', pod('b', 'n2', 'Running'))
    store.create('pods', pod('c', 'n1'))
    expect(w.seen()).to.deep.equal(['ADDED c'])
    expect(w.looked).to.include('b')
    w.stop()
  })

  it('a stopped watch hears nothing more', () => {
    const store = new MemoryStore()
    const w = watchNode(store, 'n1', true)
    store.create('pods', pod('a', 'n1'))
    w.stop()
    store.update('pods', pod('a', 'n1', 'Running'))
    expect(w.seen()).to.deep.equal(['ADDED a'])
  })
})

describe('MemoryStore.subscribeTo()', () => {
  it("delivers a storage's events, and with a trigger those whose object or old object has the value", () => {
    const store = new MemoryStore()
    const all: number[] = []
    const onN1: string[] = []
    store.subscribeTo('pods', (ev) => all.push(ev.rv))
    const stop = store.subscribeTo('pods', (ev) => onN1.push(`${ev.type} ${nodeOf(ev.object)}`), {
      name: 'spec.nodeName',
      of: nodeOf,
      value: 'n1',
    })
    store.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'ns' },
    })
    store.create('pods', pod('a', 'n1'))
    store.update('pods', pod('a', 'n2'))
    store.update('pods', pod('a', 'n2', 'Running'))
    expect(all).to.have.length(3)
    expect(onN1).to.deep.equal(['ADDED n1', 'MODIFIED n2'])
    stop()
    store.update('pods', pod('a', 'n1'))
    expect(onN1).to.have.length(2)
  })
})
