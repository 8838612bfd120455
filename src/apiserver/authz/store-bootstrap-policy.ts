import type { MemoryStore } from '../storage/index.js'
import { bootstrapPolicy } from './bootstrap-roles.js'

const RBAC = 'rbac.authorization.k8s.io'

/**
 * Writes the bootstrap ClusterRoles and ClusterRoleBindings into the store, as kube-apiserver's
 * `rbac/bootstrap-roles` post-start hook does on a fresh cluster; `stamp` gives each its uid and
 * creation time. Objects already there are left alone (a user may have changed them).
 */
export function storeBootstrapPolicy(
  store: MemoryStore,
  stamp: () => { uid: string; creationTimestamp: string }
): void {
  const { clusterRoles, bindings } = bootstrapPolicy()
  for (const [storage, objs] of [
    [`clusterroles.${RBAC}`, clusterRoles],
    [`clusterrolebindings.${RBAC}`, bindings],
  ] as const) {
    for (const o of objs) {
      if (store.peek({ storage, namespace: '', name: o.metadata.name })) continue
      store.create(storage, { ...o, metadata: { ...o.metadata, ...stamp() } })
    }
  }
}
