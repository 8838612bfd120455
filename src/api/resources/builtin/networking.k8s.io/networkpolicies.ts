import { networkPolicyPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** NetworkPolicy (networking.k8s.io): namespaced. */
export default {
  group: 'networking.k8s.io',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  namespaced: true,
  shortNames: ['netpol'],
  storage: 'networkpolicies',
  served: [['v1', 7, LAST]],
  printer: networkPolicyPrinter,
} satisfies ResourceRecord
