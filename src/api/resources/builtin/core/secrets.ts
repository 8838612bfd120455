import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Secret (core): namespaced. */
export default {
  group: '',
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
  served: [['v1', 0, LAST]],
  strategy: {
    defaults: (obj) => {
      if (obj.type === undefined) obj.type = 'Opaque'
    },
  },
} satisfies ResourceRecord
