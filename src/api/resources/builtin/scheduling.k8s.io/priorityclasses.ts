import { priorityClassPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** PriorityClass (scheduling.k8s.io): cluster-scoped. */
export default {
  group: 'scheduling.k8s.io',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  namespaced: false,
  shortNames: ['pc'],
  served: [
    ['v1', 14, LAST],
    ['v1beta1', 11, 21],
  ],
  printer: priorityClassPrinter,
} satisfies ResourceRecord
