import type { KubeObject } from '../../api/types.js'
import { MemoryStore } from '../storage/index.js'
import { storeBootstrapPolicy } from './store-bootstrap-policy.js'

const RBAC = 'rbac.authorization.k8s.io'

/** Returns a store holding the bootstrap policy, for the authz tests. */
export function policyStore(): MemoryStore {
  const store = new MemoryStore()
  let n = 0
  storeBootstrapPolicy(store, () => ({
    uid: `uid-${++n}`,
    creationTimestamp: '2018-11-24T00:00:00Z',
  }))
  return store
}

/** Stores a RoleBinding (namespace given) or ClusterRoleBinding to a role, for the authz tests. */
export function bind(
  store: MemoryStore,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: { kind: string; name: string; namespace?: string }[],
  namespace?: string
): void {
  const obj: KubeObject = {
    apiVersion: `${RBAC}/v1`,
    kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC, ...roleRef },
    subjects,
  }
  store.create(namespace ? `rolebindings.${RBAC}` : `clusterrolebindings.${RBAC}`, obj)
}

/** Stores a namespaced Role, for the authz tests. */
export function role(store: MemoryStore, namespace: string, name: string, rules: unknown[]): void {
  store.create(`roles.${RBAC}`, {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name, namespace },
    rules,
  })
}

/** Binds ClusterRole `view` to the `default` service account of `onap` (RoleBinding `v`). */
export function bindViewToOnapDefault(store: MemoryStore): void {
  bind(
    store,
    'v',
    { kind: 'ClusterRole', name: 'view' },
    [{ kind: 'ServiceAccount', name: 'default' }],
    'onap'
  )
}
