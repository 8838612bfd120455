import { jobPrinter } from '../../../printers/index.js'
import { CONDITIONS } from '../../../patch/patch-meta.js'
import { workloadMeta } from '../../patch-meta/pod-template-meta.js'
import { asInt, field, fieldAt, OBJECT_META_FIELDS } from '../../../selectors/selectable-field.js'
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
  printer: jobPrinter,
  patchMeta: workloadMeta({}, { conditions: { ...CONDITIONS, listType: 'atomic' } }),
  fields: [
    ...OBJECT_META_FIELDS,
    field('status.successful', (o) => asInt(fieldAt(o, 'status', 'succeeded'))),
  ],
} satisfies ResourceRecord
