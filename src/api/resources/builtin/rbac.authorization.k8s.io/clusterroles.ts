import { rbacRecord } from '../../group-records.js'

/** ClusterRole (rbac.authorization.k8s.io): cluster-scoped. */
export default rbacRecord('ClusterRole', 'clusterroles', false)
