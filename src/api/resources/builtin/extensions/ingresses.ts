import { type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'
import ingress from '../networking.k8s.io/ingresses.js'

/** Ingress (extensions; networking.k8s.io serves the same objects): namespaced. */
export default {
  ...ingress,
  group: 'extensions',
  served: [['v1beta1', 2, 21]],
  strategy: statusStrategy(undefined, () => ({ loadBalancer: {} })),
} satisfies ResourceRecord
