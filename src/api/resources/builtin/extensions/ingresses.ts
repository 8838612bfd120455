import { ingressPrinter } from '../../../printers/index.js'
import { type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'

/** Ingress (extensions; networking.k8s.io serves the same objects): namespaced. */
export default {
  group: 'extensions',
  kind: 'Ingress',
  resource: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  sub: { status: 'Ingress' },
  storage: 'ingresses',
  served: [['v1beta1', 2, 21]],
  strategy: statusStrategy(undefined, () => ({ loadBalancer: {} })),
  printer: ingressPrinter,
} satisfies ResourceRecord
