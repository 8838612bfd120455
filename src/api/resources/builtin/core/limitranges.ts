import { LAST, type ResourceRecord } from '../../resource-record.js'

/** LimitRange (core): namespaced. */
export default {
  group: '',
  kind: 'LimitRange',
  resource: 'limitranges',
  namespaced: true,
  shortNames: ['limits'],
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
