import { storageClassPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** StorageClass (storage.k8s.io): cluster-scoped. */
export default {
  group: 'storage.k8s.io',
  kind: 'StorageClass',
  resource: 'storageclasses',
  namespaced: false,
  shortNames: ['sc'],
  served: [['v1', 6, LAST]],
  printer: storageClassPrinter,
} satisfies ResourceRecord
