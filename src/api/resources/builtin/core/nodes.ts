import { LAST, type ResourceRecord } from '../../resource-record.js'

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
    // The node's kubelet answers its proxy.
    proxyTarget: (obj) => ({ node: obj.metadata.name ?? '' }),
  },
} satisfies ResourceRecord
