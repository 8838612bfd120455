import { networkPolicyPrinter } from '../../../printers/index.js'
import { type ResourceRecord } from '../../resource-record.js'

/** NetworkPolicy (extensions): namespaced. */
export default {
  group: 'extensions',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  namespaced: true,
  shortNames: ['netpol'],
  storage: 'networkpolicies',
  served: [['v1beta1', 3, 15]],
  printer: networkPolicyPrinter,
} satisfies ResourceRecord
