import { LAST, type ResourceRecord } from '../../resource-record.js'
import { ALLOWED, reviewStrategy } from '../../strategies/review-strategy.js'

/** SelfSubjectAccessReview (authorization.k8s.io): cluster-scoped. */
export default {
  group: 'authorization.k8s.io',
  kind: 'SelfSubjectAccessReview',
  resource: 'selfsubjectaccessreviews',
  namespaced: false,
  verbs: ['create'],
  served: [['v1', 6, LAST]],
  strategy: reviewStrategy(ALLOWED),
} satisfies ResourceRecord
