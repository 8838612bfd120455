import { ingressPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Ingress (networking.k8s.io): namespaced. */
export default {
  group: 'networking.k8s.io',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  sub: { status: 'Ingress' },
  storage: 'ingresses',
  served: [
    ['v1', 19, LAST],
    ['v1beta1', 14, 21],
  ],
  printer: ingressPrinter,
} satisfies ResourceRecord
