import { expect } from 'chai'
import { MemoryStore } from '../../src/apiserver/storage/index.js'

// The memory note of issue 11: after 20,000 small ConfigMaps are created and deleted, what the
// store keeps of them (index entries, the watch window's copies) is released.
describe('reliability: store memory after a burst of creates and deletes', () => {
  it('drops index entries at once and the window copies once they age out', () => {
    let now = 1_000_000
    const store = new MemoryStore({ windowSize: 20_000, now: () => now })
    const key = (i: number) => ({ storage: 'configmaps', namespace: 'm', name: `c-${i}` })
    for (let i = 0; i < 20_000; i++)
      store.create('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `c-${i}`, namespace: 'm', labels: { app: `a${i % 50}`, idx: String(i) } },
        data: { k: 'v'.repeat(200) },
      })
    for (let i = 0; i < 20_000; i++) store.delete(key(i))
    const internals = store as unknown as {
      labelIndex: Map<string, Map<string, Set<string>>>
      sortedKeys: Map<string, string[]>
    }
    expect(internals.labelIndex.get('configmaps')?.size).to.equal(0)
    expect(store.count('configmaps')).to.equal(0)
    expect(store.list('configmaps', 'm', { label: ['app', 'a1'] }).items).to.deep.equal([])
    // Fresh events stay for watchers to resume from…
    expect(store.window.length).to.equal(20_000)
    // …until they are older than the window's age limit; the next write lets them go.
    now += 5 * 60_000 + 1
    store.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'm' },
    })
    expect(store.window.length).to.be.at.most(1000)
    expect(store.window.heldBytes).to.be.below(1_000 * 1_000)
    // A watch from before the trimmed part gets 410 Gone, as kube-apiserver answers.
    expect(() => store.watch('configmaps', 2, () => {})).to.throw(/too old resource version/)
  })
})
