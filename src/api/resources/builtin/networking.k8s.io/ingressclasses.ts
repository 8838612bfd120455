import { ingressClassPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** IngressClass (networking.k8s.io): cluster-scoped. */
export default {
  group: 'networking.k8s.io',
  kind: 'IngressClass',
  resource: 'ingressclasses',
  namespaced: false,
  served: [['v1', 19, LAST]],
  printer: ingressClassPrinter,
} satisfies ResourceRecord
