import { type ResourceRecord } from '../../resource-record.js'

/** PodSecurityPolicy (policy): cluster-scoped. */
export default {
  group: 'policy',
  kind: 'PodSecurityPolicy',
  resource: 'podsecuritypolicies',
  namespaced: false,
  shortNames: ['psp'],
  storage: 'podsecuritypolicies',
  served: [['v1beta1', 10, 24]],
} satisfies ResourceRecord
