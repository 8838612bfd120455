import { leasePrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Lease (coordination.k8s.io): namespaced. */
export default {
  group: 'coordination.k8s.io',
  kind: 'Lease',
  resource: 'leases',
  namespaced: true,
  served: [
    ['v1', 14, LAST],
    ['v1beta1', 12, 21],
  ],
  printer: leasePrinter,
} satisfies ResourceRecord
