import { LAST, type ResourceRecord } from '../../resource-record.js'
import { ALLOWED, reviewStrategy } from '../../strategies/review-strategy.js'

/** SelfSubjectRulesReview (authorization.k8s.io): cluster-scoped. */
export default {
  group: 'authorization.k8s.io',
  kind: 'SelfSubjectRulesReview',
  resource: 'selfsubjectrulesreviews',
  namespaced: false,
  verbs: ['create'],
  served: [['v1', 10, LAST]],
  strategy: reviewStrategy(ALLOWED),
} satisfies ResourceRecord
