import { leasePrinter } from '../../../printers/index.js'
import { v1AfterV1beta1 } from '../../group-records.js'
import type { ResourceRecord } from '../../resource-record.js'

/** Lease (coordination.k8s.io): namespaced. */
export default {
  group: 'coordination.k8s.io',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
  served: v1AfterV1beta1(14, 12),
  printer: leasePrinter,
} satisfies ResourceRecord
