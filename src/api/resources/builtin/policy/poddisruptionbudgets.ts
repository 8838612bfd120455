import { podDisruptionBudgetPrinter } from '../../../printers/index.js'
import { CONDITIONS, rootMeta } from '../../../patch/patch-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'

/** PodDisruptionBudget (policy): namespaced. */
export default {
  group: 'policy',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  namespaced: true,
  shortNames: ['pdb'],
  sub: { status: 'PodDisruptionBudget' },
  served: [
    ['v1', 21, LAST],
    ['v1beta1', 5, 24],
  ],
  strategy: statusStrategy(),
  printer: podDisruptionBudgetPrinter,
  patchMeta: rootMeta({ status: { fields: { conditions: CONDITIONS } } }, { spec: {}, status: {} }),
} satisfies ResourceRecord
