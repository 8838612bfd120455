import { coreStatusRecord } from '../../group-records.js'

/** ResourceQuota (core): namespaced. */
export default coreStatusRecord('ResourceQuota', 'resourcequotas', true, ['quota'])
