import { expect } from 'chai'
import { labelSelectorFromObject } from '../api/selectors/index.js'
import { objectKey } from '../api/types.js'
import type { Informer } from '../client/index.js'
import { CONTROLLER_INDEX } from './cached-candidates.js'
import { controllerOf } from './object-util.js'
import { ReplicaSetLedger } from './replicaset-ledger.js'
import type { Pod, Workload } from './workload-types.js'

const rs: Workload = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'ns', uid: 'rs-1' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'front' } } },
  },
}

function pod(
  name: string,
  o: { ready?: boolean; labels?: Record<string, string>; owner?: string; deleting?: boolean } = {}
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'ns',
      labels: o.labels ?? { app: 'web', tier: 'front' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: o.owner ?? 'rs-1',
          controller: true,
        },
      ],
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }],
    },
  } as Pod
}

/** An informer's cache and its controller index, with the ledger's handlers called on each change. */
function fakePods() {
  const cache = new Map<string, Pod>()
  const handlers: { add?(p: Pod): void; update?(a: Pod, b: Pod): void; delete?(p: Pod): void }[] =
    []
  const inf = {
    get: (k: string) => cache.get(k),
    byIndex: (name: string, uid: string) => {
      expect(name).to.equal(CONTROLLER_INDEX)
      return [...cache.values()].filter((p) => controllerOf(p)?.uid === uid)
    },
  } as unknown as Informer<Pod>
  const set = (p: Pod) => {
    const old = cache.get(objectKey(p))
    cache.set(objectKey(p), p)
    for (const h of handlers)
      if (old) h.update?.(old, p)
      else h.add?.(p)
  }
  const remove = (p: Pod) => {
    cache.delete(objectKey(p))
    for (const h of handlers) h.delete?.(p)
  }
  return { inf, set, remove, handlers }
}

describe('ReplicaSetLedger', () => {
  const selector = labelSelectorFromObject(rs.spec!.selector)

  it('counts the pods a full pass counts, re-reading only the ones that changed', () => {
    const f = fakePods()
    const ledger = new ReplicaSetLedger(f.inf)
    f.handlers.push(ledger.handler())
    f.set(pod('a', { ready: true }))
    f.set(pod('b'))
    f.set(pod('other', { owner: 'rs-2', ready: true }))
    f.set(pod('partial', { labels: { app: 'web' } }))
    let t = ledger.tally(rs, selector)
    expect([t.replicas, t.fullyLabeled, t.ready]).to.deep.equal([3, 2, 1])
    f.set(pod('b', { ready: true }))
    f.set(pod('a', { deleting: true }))
    f.set(pod('c', { labels: { app: 'db' } }))
    f.remove(pod('partial', { labels: { app: 'web' } }))
    t = ledger.tally(rs, selector)
    expect([t.replicas, t.fullyLabeled, t.ready]).to.deep.equal([1, 1, 1])
    expect([...t.keys()]).to.deep.equal(['ns/b'])
  })

  it('without its handlers it does not see changes (the handlers are what keeps it right)', () => {
    const f = fakePods()
    const ledger = new ReplicaSetLedger(f.inf)
    f.set(pod('a'))
    expect(ledger.tally(rs, selector).ready).to.equal(0)
    f.set(pod('a', { ready: true }))
    expect(ledger.tally(rs, selector).ready).to.equal(0)
    ledger.forget('rs-1')
    expect(ledger.tally(rs, selector).ready).to.equal(1)
  })

  it('counts afresh when the template labels change', () => {
    const f = fakePods()
    const ledger = new ReplicaSetLedger(f.inf)
    f.handlers.push(ledger.handler())
    f.set(pod('a', { labels: { app: 'web' } }))
    expect(ledger.tally(rs, selector).fullyLabeled).to.equal(0)
    const relabelled = structuredClone(rs)
    relabelled.spec!.template!.metadata!.labels = { app: 'web' }
    expect(ledger.tally(relabelled, selector).fullyLabeled).to.equal(1)
  })
})
