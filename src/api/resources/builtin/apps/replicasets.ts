import { replicaSetPrinter } from '../../../printers/index.js'
import { workloadMeta } from '../../patch-meta/pod-template-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { workloadStrategy } from '../../strategies/workload-strategy.js'
import { defaultReplicaSet } from '../../defaults/workload-defaults.js'

/** ReplicaSet (apps; extensions/v1beta1 serves the same objects): namespaced, scalable. */
export default {
  group: 'apps',
  kind: 'ReplicaSet',
  resource: 'replicasets',
  namespaced: true,
  shortNames: ['rs'],
  all: true,
  sub: { status: 'ReplicaSet', scale: ['Scale', 'autoscaling', 'v1'] },
  storage: 'replicasets',
  served: [
    ['v1', 9, LAST],
    ['v1beta2', 8, 15],
  ],
  strategy: workloadStrategy(defaultReplicaSet, () => ({ replicas: 0 })),
  printer: replicaSetPrinter,
  patchMeta: workloadMeta(),
} satisfies ResourceRecord
