import { replicaSetPrinter } from '../../../printers/index.js'
import { workloadMeta } from '../../patch-meta/pod-template-meta.js'
import { OBJECT_META_FIELDS, pathField } from '../../../selectors/selectable-field.js'
import { type ResourceRecord } from '../../resource-record.js'

/** ReplicaSet (extensions): namespaced. */
export default {
  group: 'extensions',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  sub: { status: 'ReplicaSet', scale: ['Scale', 'extensions', 'v1beta1'] },
  storage: 'replicasets',
  served: [['v1beta1', 2, 15]],
  printer: replicaSetPrinter,
  patchMeta: workloadMeta(),
  // Only extensions/v1beta1 converts status.replicas as a field label.
  fields: [...OBJECT_META_FIELDS, pathField('status.replicas', 'int')],
} satisfies ResourceRecord
