import { LAST, type ResourceRecord } from '../../resource-record.js'

/** PersistentVolume (core): cluster-scoped. */
export default {
  group: '',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  namespaced: false,
  shortNames: ['pv'],
  sub: { status: 'PersistentVolume' },
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
