import { cronJobPrinter } from '../../../printers/index.js'
import { OBJECT_META, rootMeta } from '../../../patch/patch-meta.js'
import { POD_TEMPLATE, POD_TEMPLATE_ZERO } from '../../patch-meta/pod-template-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { statusStrategy } from '../../strategies/status-strategy.js'
import { defaultCronJob } from '../../defaults/workload-defaults.js'

/** CronJob (batch): namespaced. */
export default {
  group: 'batch',
  kind: 'CronJob',
  resource: 'cronjobs',
  namespaced: true,
  shortNames: ['cj'],
  all: true,
  sub: { status: 'CronJob' },
  served: [
    ['v1', 21, LAST],
    ['v1beta1', 8, 24],
  ],
  strategy: statusStrategy((o) => defaultCronJob(o)),
  printer: cronJobPrinter,
  patchMeta: rootMeta(
    {
      spec: {
        fields: {
          jobTemplate: {
            fields: { metadata: OBJECT_META, spec: { fields: { template: POD_TEMPLATE } } },
          },
        },
      },
    },
    {
      spec: {
        jobTemplate: {
          metadata: { creationTimestamp: null },
          spec: { template: POD_TEMPLATE_ZERO },
        },
      },
      status: {},
    }
  ),
} satisfies ResourceRecord
