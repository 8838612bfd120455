import { rbacRecord } from '../../group-records.js'

/** ClusterRoleBinding (rbac.authorization.k8s.io): cluster-scoped. */
export default rbacRecord('ClusterRoleBinding', 'clusterrolebindings', false)
