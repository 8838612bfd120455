import { serviceAccountPrinter } from '../../../printers/index.js'
import { mergeBy, rootMeta } from '../../../patch/patch-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** ServiceAccount (core): namespaced. */
export default {
  group: '',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
  sub: { token: ['TokenRequest', 'authentication.k8s.io', 'v1'] },
  served: [['v1', 0, LAST]],
  printer: serviceAccountPrinter,
  patchMeta: rootMeta({ secrets: mergeBy('name') }),
} satisfies ResourceRecord
