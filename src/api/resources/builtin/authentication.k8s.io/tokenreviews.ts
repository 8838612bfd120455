import { LAST, type ResourceRecord } from '../../resource-record.js'
import { reviewStrategy } from '../../strategies/review-strategy.js'

/** TokenReview (authentication.k8s.io): cluster-scoped. */
export default {
  group: 'authentication.k8s.io',
  kind: 'TokenReview',
  resource: 'tokenreviews',
  namespaced: false,
  verbs: ['create'],
  served: [['v1', 6, LAST]],
  strategy: reviewStrategy(() => ({
    authenticated: true,
    user: { username: 'kubernetes-admin', groups: ['system:masters'] },
  })),
} satisfies ResourceRecord
