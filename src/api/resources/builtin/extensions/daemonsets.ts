import { daemonSetPrinter } from '../../../printers/index.js'
import appsDaemonSets from '../apps/daemonsets.js'
import { type ResourceRecord } from '../../resource-record.js'

/** DaemonSet (extensions): namespaced. */
export default {
  group: 'extensions',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  namespaced: true,
  shortNames: ['ds'],
  sub: { status: 'DaemonSet' },
  storage: 'daemonsets',
  served: [['v1beta1', 2, 15]],
  printer: daemonSetPrinter,
  patchMeta: appsDaemonSets.patchMeta,
} satisfies ResourceRecord
