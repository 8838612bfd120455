import { LAST, type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'
import { defaultJob } from '../../defaults/workload-defaults.js'
import { validateTemplateSelector } from '../../validation/template-selector.js'

/** Job (batch): namespaced. */
export default {
  group: 'batch',
  kind: 'Job',
  resource: 'jobs',
  namespaced: true,
  all: true,
  sub: { status: 'Job' },
  served: [['v1', 2, LAST]],
  strategy: statusStrategy((o, _info, uid) => defaultJob(o, uid), undefined, {
    // The selector is generated from the UID when absent (manualSelector unset).
    validate: (o) => validateTemplateSelector(o, 'spec', false),
  }),
} satisfies ResourceRecord
