import { type ResourceRecord } from '../../resource-record.js'

/** ReplicaSet (extensions): namespaced. */
export default {
  group: 'extensions',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  sub: { status: 'ReplicaSet', scale: ['Scale', 'extensions', 'v1beta1'] },
  storage: 'replicasets',
  served: [['v1beta1', 2, 15]],
} satisfies ResourceRecord
