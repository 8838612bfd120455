import { LAST, type ResourceRecord } from '../../resource-record.js'

/** ClusterRoleBinding (rbac.authorization.k8s.io): cluster-scoped. */
export default {
  group: 'rbac.authorization.k8s.io',
  kind: 'ClusterRoleBinding',
  resource: 'clusterrolebindings',
  namespaced: false,
  served: [
    ['v1', 8, LAST],
    ['v1beta1', 6, 21],
  ],
  strategy: { nameFormat: 'path' },
} satisfies ResourceRecord
