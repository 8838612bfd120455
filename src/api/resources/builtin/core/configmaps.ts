import { configMapPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** ConfigMap (core): namespaced. */
export default {
  group: '',
  kind: 'ConfigMap',
  resource: 'configmaps',
  namespaced: true,
  shortNames: ['cm'],
  served: [['v1', 0, LAST]],
  printer: configMapPrinter,
} satisfies ResourceRecord
