import { coreStatusRecord } from '../../group-records.js'

/** PersistentVolumeClaim (core): namespaced. */
export default coreStatusRecord('PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'])
