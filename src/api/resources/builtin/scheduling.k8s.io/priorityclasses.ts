import { priorityClassPrinter } from '../../../printers/index.js'
import { v1AfterV1beta1 } from '../../group-records.js'
import type { ResourceRecord } from '../../resource-record.js'

/** PriorityClass (scheduling.k8s.io): cluster-scoped. */
export default {
  group: 'scheduling.k8s.io',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  namespaced: false,
  shortNames: ['pc'],
  served: v1AfterV1beta1(14, 11),
  printer: priorityClassPrinter,
} satisfies ResourceRecord
