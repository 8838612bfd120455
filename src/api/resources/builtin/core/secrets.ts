import { secretPrinter } from '../../../printers/index.js'
import { OBJECT_META_FIELDS, pathField } from '../../../selectors/selectable-field.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Secret (core): namespaced. */
export default {
  group: '',
  kind: 'Secret',
  resource: 'secrets',
  namespaced: true,
  served: [['v1', 0, LAST]],
  strategy: {
    defaults: (obj) => {
      if (obj.type === undefined) obj.type = 'Opaque'
    },
  },
  printer: secretPrinter,
  fields: [...OBJECT_META_FIELDS, pathField('type')],
} satisfies ResourceRecord
