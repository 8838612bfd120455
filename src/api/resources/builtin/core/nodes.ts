import { nodePrinter } from '../../../printers/index.js'
import { CONDITIONS, mergeBy, rootMeta } from '../../../patch/patch-meta.js'
import { NAME_FIELD, pathField } from '../../../selectors/selectable-field.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { conditionTimes } from '../../strategies/condition-times.js'

/** Node (core): cluster-scoped. */
export default {
  group: '',
  kind: 'Node',
  resource: 'nodes',
  namespaced: false,
  shortNames: ['no'],
  sub: { status: 'Node', proxy: 'NodeProxyOptions' },
  served: [['v1', 0, LAST]],
  strategy: {
    statusSubresource: true,
    // NodeCondition's fields in the Go struct's order.
    canonicalize: conditionTimes(
      ['type', 'status', 'lastHeartbeatTime', 'lastTransitionTime', 'reason', 'message'],
      ['lastHeartbeatTime', 'lastTransitionTime']
    ),
    // The node's kubelet answers its proxy.
    proxyTarget: (obj) => ({ node: obj.metadata.name ?? '' }),
  },
  printer: nodePrinter,
  patchMeta: rootMeta(
    {
      spec: { fields: { podCIDRs: { patchStrategy: 'merge' } } },
      status: { fields: { conditions: CONDITIONS, addresses: mergeBy('type') } },
    },
    { spec: {}, status: {} }
  ),
  fields: [NAME_FIELD, pathField('spec.unschedulable', 'bool')],
} satisfies ResourceRecord
