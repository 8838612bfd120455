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
} satisfies ResourceRecord
