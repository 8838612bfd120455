import { LAST, type ResourceRecord } from '../../resource-record.js'

/** PodTemplate (core): namespaced. */
export default {
  group: '',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  namespaced: true,
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
