import { LAST, type ResourceRecord } from '../../resource-record.js'
import { ALLOWED, reviewStrategy } from '../../strategies/review-strategy.js'

/** LocalSubjectAccessReview (authorization.k8s.io): namespaced. */
export default {
  group: 'authorization.k8s.io',
  kind: 'LocalSubjectAccessReview',
  resource: 'localsubjectaccessreviews',
  namespaced: true,
  verbs: ['create'],
  served: [['v1', 6, LAST]],
  strategy: reviewStrategy(ALLOWED),
} satisfies ResourceRecord
