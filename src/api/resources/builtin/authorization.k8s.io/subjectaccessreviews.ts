import { LAST, type ResourceRecord } from '../../resource-record.js'
import { ALLOWED, reviewStrategy } from '../../strategies/review-strategy.js'

/** SubjectAccessReview (authorization.k8s.io): cluster-scoped. */
export default {
  group: 'authorization.k8s.io',
  kind: 'SubjectAccessReview',
  resource: 'subjectaccessreviews',
  namespaced: false,
  verbs: ['create'],
  served: [['v1', 6, LAST]],
  strategy: reviewStrategy(ALLOWED),
} satisfies ResourceRecord
