import { LAST, type ResourceRecord } from '../../resource-record.js'

/** PersistentVolumeClaim (core): namespaced. */
export default {
  group: '',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc'],
  sub: { status: 'PersistentVolumeClaim' },
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
