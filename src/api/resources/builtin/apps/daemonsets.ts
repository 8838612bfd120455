import { daemonSetPrinter } from '../../../printers/index.js'
import { CONDITIONS } from '../../../patch/patch-meta.js'
import { workloadMeta } from '../../patch-meta/pod-template-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { workloadStrategy } from '../../strategies/workload-strategy.js'
import { defaultDaemonSet } from '../../defaults/workload-defaults.js'

/** DaemonSet (apps; extensions/v1beta1 serves the same objects): namespaced. */
export default {
  group: 'apps',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  namespaced: true,
  shortNames: ['ds'],
  all: true,
  sub: { status: 'DaemonSet' },
  storage: 'daemonsets',
  served: [
    ['v1', 9, LAST],
    ['v1beta2', 8, 15],
  ],
  strategy: workloadStrategy(defaultDaemonSet, () => ({
    currentNumberScheduled: 0,
    desiredNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
  })),
  printer: daemonSetPrinter,
  patchMeta: workloadMeta({}, { conditions: CONDITIONS }, { updateStrategy: {} }),
} satisfies ResourceRecord
