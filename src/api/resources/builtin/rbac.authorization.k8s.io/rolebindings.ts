import { rbacRecord } from '../../group-records.js'

/** RoleBinding (rbac.authorization.k8s.io): namespaced. */
export default rbacRecord('RoleBinding', 'rolebindings', true)
