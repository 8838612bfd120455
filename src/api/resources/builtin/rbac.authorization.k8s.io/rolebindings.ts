import { roleBindingPrinter } from '../../../printers/index.js'
import type { ResourceRecord } from '../../resource-record.js'
import { rbacRecord } from '../../group-records.js'

/** RoleBinding (rbac.authorization.k8s.io): namespaced. */
export default {
  ...rbacRecord('RoleBinding', 'rolebindings', true),
  printer: roleBindingPrinter,
} satisfies ResourceRecord
