import { controllerRevisionPrinter } from '../../../printers/index.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** ControllerRevision (apps): namespaced. */
export default {
  group: 'apps',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  namespaced: true,
  served: [
    ['v1', 9, LAST],
    ['v1beta2', 8, 15],
    ['v1beta1', 7, 15],
  ],
  printer: controllerRevisionPrinter,
} satisfies ResourceRecord
