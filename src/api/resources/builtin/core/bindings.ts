import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Binding (core): namespaced. */
export default {
  group: '',
  kind: 'Binding',
  resource: 'bindings',
  namespaced: true,
  verbs: ['create'],
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
