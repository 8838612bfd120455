import { LAST, type ResourceRecord } from '../../resource-record.js'

/** ResourceQuota (core): namespaced. */
export default {
  group: '',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  namespaced: true,
  shortNames: ['quota'],
  sub: { status: 'ResourceQuota' },
  served: [['v1', 0, LAST]],
} satisfies ResourceRecord
