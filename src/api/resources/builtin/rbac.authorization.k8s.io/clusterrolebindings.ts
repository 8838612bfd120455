import { roleBindingPrinter } from '../../../printers/index.js'
import type { ResourceRecord } from '../../resource-record.js'
import { rbacRecord } from '../../group-records.js'

/** ClusterRoleBinding (rbac.authorization.k8s.io): cluster-scoped. */
export default {
  ...rbacRecord('ClusterRoleBinding', 'clusterrolebindings', false),
  printer: roleBindingPrinter,
} satisfies ResourceRecord
