import { coreStatusRecord } from '../../group-records.js'

/** PersistentVolume (core): cluster-scoped. */
export default coreStatusRecord('PersistentVolume', 'persistentvolumes', false, ['pv'])
