import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Event (core): namespaced. */
export default {
  group: '',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
