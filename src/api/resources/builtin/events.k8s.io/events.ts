import { eventPrinter } from '../../../printers/index.js'
import coreEvents from '../core/events.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** Event (events.k8s.io): namespaced. */
export default {
  group: 'events.k8s.io',
  kind: 'Event',
  resource: 'events',
  namespaced: true,
  shortNames: ['ev'],
  storage: 'events',
  served: [
    ['v1', 19, LAST],
    ['v1beta1', 8, 24],
  ],
  printer: eventPrinter,
  // The same field labels as core Events.
  fields: coreEvents.fields,
} satisfies ResourceRecord
