import { hpaPrinter } from '../../../printers/index.js'
import { CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'

/** HorizontalPodAutoscaler (autoscaling): namespaced. */
export default {
  group: 'autoscaling',
  kind: 'HorizontalPodAutoscaler',
  resource: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa'],
  all: true,
  sub: { status: 'HorizontalPodAutoscaler' },
  served: [
    ['v2', 23, LAST],
    ['v1', 2, LAST],
    ['v2beta1', 8, 24],
    ['v2beta2', 12, 25],
  ],
  strategy: statusStrategy(),
  printer: hpaPrinter,
  patchMeta: rootMeta({ status: { fields: { conditions: CONDITIONS } } }, { spec: {}, status: {} }),
} satisfies ResourceRecord
