import { persistentVolumeClaimPrinter } from '../../../printers/index.js'
import { CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import type { ResourceRecord } from '../../resource-record.js'
import { coreStatusRecord } from '../../group-records.js'

/** PersistentVolumeClaim (core): namespaced. */
export default {
  ...coreStatusRecord('PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc']),
  printer: persistentVolumeClaimPrinter,
  patchMeta: rootMeta(
    { status: { fields: { conditions: CONDITIONS } } },
    { spec: { resources: {} }, status: {} }
  ),
} satisfies ResourceRecord
