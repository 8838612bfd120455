import { persistentVolumePrinter } from '../../../printers/index.js'
import type { ResourceRecord } from '../../resource-record.js'
import { coreStatusRecord } from '../../group-records.js'

/** PersistentVolume (core): cluster-scoped. */
export default {
  ...coreStatusRecord('PersistentVolume', 'persistentvolumes', false, ['pv']),
  printer: persistentVolumePrinter,
} satisfies ResourceRecord
