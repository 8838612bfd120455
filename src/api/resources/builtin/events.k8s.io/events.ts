import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Event (events.k8s.io): namespaced. */
export default {
  group: 'events.k8s.io',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  storage: 'events',
  served: [
    ['v1', 19, LAST],
    ['v1beta1', 8, 24],
  ],
} satisfies ResourceRecord
