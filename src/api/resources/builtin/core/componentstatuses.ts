import { componentStatusPrinter } from '../../../printers/index.js'
import { CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** ComponentStatus (core): cluster-scoped. */
export default {
  group: '',
  kind: 'ComponentStatus',
  resource: 'componentstatuses',
  namespaced: false,
  shortNames: ['cs'],
  verbs: ['get', 'list'],
  served: [['v1', 0, LAST]],
  printer: componentStatusPrinter,
  patchMeta: rootMeta({ conditions: CONDITIONS }),
} satisfies ResourceRecord
