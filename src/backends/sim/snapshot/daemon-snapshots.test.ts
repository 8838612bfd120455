import { expect } from 'chai'
import { MemoryStore } from '../../../apiserver/storage/index.js'
import type { StartedSimLab } from '../sim-lab.js'
import { restoreHooks } from './daemon-snapshots.js'
import type { LabSnapshot } from './snapshot-types.js'

const ROLES = 'clusterroles.rbac.authorization.k8s.io'

describe('restoreHooks().load()', () => {
  it("puts back the snapshot's objects and adds the bootstrap roles it lacks, as kube-apiserver does at start", () => {
    const old = new MemoryStore()
    old.create('configmaps', { metadata: { name: 'kept', namespace: 'default' } })
    // A snapshot from an older lab: the scheduler's role as that lab had it, nothing else.
    old.create(ROLES, { metadata: { name: 'system:kube-scheduler' }, rules: [] })
    const store = new MemoryStore()
    const cluster = { api: { store, catalog: undefined } } as unknown as StartedSimLab['cluster']
    const snap = { store: { rv: old.currentRv(), objects: [...old.entries()] } }
    restoreHooks(snap as unknown as LabSnapshot).load(cluster)
    expect(store.peek({ storage: 'configmaps', namespace: 'default', name: 'kept' })).to.not.equal(
      undefined
    )
    const role = (name: string) => store.peek({ storage: ROLES, namespace: '', name })
    expect(role('system:kube-scheduler')?.rules, 'a role the snapshot holds stays').to.deep.equal(
      []
    )
    expect(role('system:kube-controller-manager'), 'a role it lacks is created').to.not.equal(
      undefined
    )
  })
})
