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
} satisfies ResourceRecord
