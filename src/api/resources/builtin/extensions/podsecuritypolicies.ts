import { type ResourceRecord } from '../../resource-record.js'

/** PodSecurityPolicy (extensions): cluster-scoped. */
export default {
  group: 'extensions',
  kind: 'PodSecurityPolicy',
  resource: 'podsecuritypolicies',
  namespaced: false,
  shortNames: ['psp'],
  storage: 'podsecuritypolicies',
  served: [['v1beta1', 3, 15]],
} satisfies ResourceRecord
