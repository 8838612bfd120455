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
} satisfies ResourceRecord
