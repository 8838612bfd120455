import { ingressPrinter } from '../../../printers/index.js'
import { v1AfterV1beta1 } from '../../group-records.js'
import { type ResourceRecord } from '../../resource-record.js'

/** Ingress (networking.k8s.io): namespaced. */
export default {
  group: 'networking.k8s.io',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  sub: { status: 'Ingress' },
  storage: 'ingresses',
  served: v1AfterV1beta1(19, 14),
  printer: ingressPrinter,
} satisfies ResourceRecord
