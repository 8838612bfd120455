import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Endpoints (core): namespaced. */
export default {
  group: '',
  kind: 'Endpoints',
  resource: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
