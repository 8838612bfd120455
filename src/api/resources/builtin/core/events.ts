import { eventPrinter } from '../../../printers/index.js'
import {
  asString,
  field,
  fieldAt,
  OBJECT_META_FIELDS,
  pathField,
} from '../../../selectors/selectable-field.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']

/** Event (core): namespaced. */
export default {
  group: '',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  served: [['v1', 0, LAST]],
  printer: eventPrinter,
  // events.k8s.io Events carry `regarding` and `deprecatedSource` instead of the core names.
  fields: [
    ...OBJECT_META_FIELDS,
    ...INVOLVED.map((k) =>
      field(`involvedObject.${k}`, (o) =>
        asString(fieldAt(o, 'involvedObject', k) ?? fieldAt(o, 'regarding', k))
      )
    ),
    pathField('reason'),
    field('reportingComponent', (o) => asString(o.reportingController), 19),
    field('source', (o) => {
      const source =
        fieldAt(o, 'source', 'component') ?? fieldAt(o, 'deprecatedSource', 'component')
      return asString(source) || asString(o.reportingController)
    }),
    pathField('type'),
  ],
} satisfies ResourceRecord
