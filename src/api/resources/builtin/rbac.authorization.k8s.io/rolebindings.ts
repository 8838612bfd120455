import { LAST, type ResourceRecord } from '../../resource-record.js'

/** RoleBinding (rbac.authorization.k8s.io): namespaced. */
export default {
  group: 'rbac.authorization.k8s.io',
  kind: 'RoleBinding',
  resource: 'rolebindings',
  namespaced: true,
  served: [
    ['v1', 8, LAST],
    ['v1beta1', 6, 21],
  ],
  strategy: { nameFormat: 'path' },
} satisfies ResourceRecord
