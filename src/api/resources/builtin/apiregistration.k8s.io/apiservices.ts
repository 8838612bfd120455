import { apiServicePrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** APIService (apiregistration.k8s.io): cluster-scoped. */
export default {
  group: 'apiregistration.k8s.io',
  kind: 'APIService',
  resource: 'apiservices',
  namespaced: false,
  sub: { status: 'APIService' },
  served: [['v1', 10, LAST]],
  printer: apiServicePrinter,
} satisfies ResourceRecord
