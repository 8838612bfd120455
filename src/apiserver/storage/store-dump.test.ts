import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { dumpStore, loadStore, MemoryStore, type StoreEvent } from './index.js'

function cm(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels },
  }
}

describe('dumpStore() and loadStore()', () => {
  it('carries every object with its resourceVersion and UID, and the counter, into another store', () => {
    const a = new MemoryStore({ windowSize: 100 })
    a.create('configmaps', cm('x', { app: 'web' }))
    a.create('configmaps', cm('y'))
    a.delete({ storage: 'configmaps', namespace: 'default', name: 'y' })
    a.create('secrets', cm('s'))
    const b = new MemoryStore({ windowSize: 100 })
    b.create('configmaps', cm('leftover'))
    loadStore(b, structuredClone(dumpStore(a)))
    expect(b.currentRv()).to.equal(a.currentRv())
    expect(b.list('configmaps').items).to.deep.equal(a.list('configmaps').items)
    expect(b.get({ storage: 'secrets', namespace: 'default', name: 's' })?.metadata.uid).to.equal(
      'uid-s'
    )
    expect(b.list('configmaps', undefined, { label: ['app', 'web'] }).items).to.have.length(1)
  })

  it('starts an empty watch window: a watch from the loaded counter sees only later writes', () => {
    const a = new MemoryStore({ windowSize: 100 })
    a.create('configmaps', cm('x'))
    const b = new MemoryStore({ windowSize: 100 })
    b.create('configmaps', cm('before-load'))
    const dump = dumpStore(a)
    loadStore(b, dump)
    const seen: StoreEvent[] = []
    b.watch('configmaps', dump.rv, (ev) => seen.push(ev))
    b.create('configmaps', cm('after'))
    expect(seen.map((e) => [e.type, e.object.metadata.name, e.rv])).to.deep.equal([
      ['ADDED', 'after', dump.rv + 1],
    ])
  })

  it('refuses an object newer than the counter, leaving the store as it was', () => {
    const b = new MemoryStore({ windowSize: 100 })
    b.create('configmaps', cm('kept'))
    const bad = { ...cm('z'), metadata: { ...cm('z').metadata, resourceVersion: '99' } }
    expect(() => loadStore(b, { rv: 5, objects: [['configmaps', bad]] })).to.throw(
      'object 0 (configmaps default/z) has resourceVersion 99, beyond the counter 5'
    )
    expect(b.list('configmaps').items.map((o) => o.metadata.name)).to.deep.equal(['kept'])
  })
})
