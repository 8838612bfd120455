import { statefulSetPrinter } from '../../../printers/index.js'
import { CONDITIONS } from '../../../patch/patch-meta.js'
import { workloadMeta } from '../../patch-meta/pod-template-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { workloadStrategy } from '../../strategies/workload-strategy.js'
import { defaultStatefulSet } from '../../defaults/workload-defaults.js'

/** StatefulSet (apps): namespaced. */
export default {
  group: 'apps',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  namespaced: true,
  shortNames: ['sts'],
  all: true,
  sub: { status: 'StatefulSet', scale: ['Scale', 'autoscaling', 'v1'] },
  served: [
    ['v1', 9, LAST],
    ['v1beta2', 8, 15],
    ['v1beta1', 5, 15],
  ],
  strategy: workloadStrategy(defaultStatefulSet, () => ({ replicas: 0 })),
  printer: statefulSetPrinter,
  patchMeta: workloadMeta({}, { conditions: CONDITIONS }, { updateStrategy: {} }),
} satisfies ResourceRecord
