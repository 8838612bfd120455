import { podTemplatePrinter } from '../../../printers/index.js'
import { rootMeta } from '../../../patch/patch-meta.js'
import { POD_TEMPLATE, POD_TEMPLATE_ZERO } from '../../patch-meta/pod-template-meta.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** PodTemplate (core): namespaced. */
export default {
  group: '',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  namespaced: true,
  served: [['v1', 0, LAST]],
  printer: podTemplatePrinter,
  patchMeta: rootMeta({ template: POD_TEMPLATE }, { template: POD_TEMPLATE_ZERO }),
} satisfies ResourceRecord
