import { resourceQuotaPrinter } from '../../../printers/index.js'
import type { ResourceRecord } from '../../resource-record.js'
import { coreStatusRecord } from '../../group-records.js'

/** ResourceQuota (core): namespaced. */
export default {
  ...coreStatusRecord('ResourceQuota', 'resourcequotas', true, ['quota']),
  printer: resourceQuotaPrinter,
} satisfies ResourceRecord
