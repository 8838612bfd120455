import { rbacRecord } from '../../group-records.js'

/** Role (rbac.authorization.k8s.io): namespaced. */
export default rbacRecord('Role', 'roles', true)
