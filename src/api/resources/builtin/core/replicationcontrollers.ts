import { replicationControllerPrinter } from '../../../printers/index.js'
import { CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import { POD_TEMPLATE } from '../../patch-meta/pod-template-meta.js'
import { OBJECT_META_FIELDS, pathField } from '../../../selectors/selectable-field.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'

/** ReplicationController (core): namespaced. */
export default {
  group: '',
  kind: 'ReplicationController',
  resource: 'replicationcontrollers',
  namespaced: true,
  shortNames: ['rc'],
  all: true,
  sub: { status: 'ReplicationController', scale: ['Scale', 'autoscaling', 'v1'] },
  served: [['v1', 0, LAST]],
  strategy: statusStrategy(undefined, () => ({ replicas: 0 })),
  printer: replicationControllerPrinter,
  patchMeta: rootMeta(
    {
      spec: { fields: { template: POD_TEMPLATE } },
      status: { fields: { conditions: CONDITIONS } },
    },
    { spec: {}, status: {} }
  ),
  fields: [...OBJECT_META_FIELDS, pathField('status.replicas', 'int')],
} satisfies ResourceRecord
