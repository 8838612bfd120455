import { endpointsPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Endpoints (core): namespaced. */
export default {
  group: '',
  kind: 'Endpoints',
  resource: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  served: [['v1', 0, LAST]],
  printer: endpointsPrinter,
} satisfies ResourceRecord
