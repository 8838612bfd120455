import type { KubeObject } from '../types.js'
import { at, num, optNum, rec, str } from './fields.js'
import { ageSince, parseTimestamp } from './human-duration.js'
import type { Printer } from './printer.js'
import { column, nameColumn } from './table-columns.js'

/**
 * Prints events (core/v1 and events.k8s.io, which share one storage): Last Seen, Type, Reason,
 * Object, Message; wide Subobject, Source, First Seen, Count, Name.
 */
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', 'Time since the event was last observed.'),
    column('Type', 'string', 'Type of the event: Normal or Warning.'),
    column('Reason', 'string', 'Short, machine readable reason for the event.'),
    column('Object', 'string', 'The object the event is about.'),
    column('Subobject', 'string', 'The part of the object the event is about (fieldPath).', {
      priority: 1,
    }),
    column('Source', 'string', 'The component that reported the event.', { priority: 1 }),
    column('Message', 'string', 'Human readable description of the event.'),
    column('First Seen', 'string', 'Time since the event was first observed.', { priority: 1 }),
    column('Count', 'string', 'How many times the event occurred.', { priority: 1 }),
    nameColumn(1),
  ],
  cells: (ev, ctx) => {
    const e = normalize(ev)
    const first =
      e.firstTimestamp !== undefined
        ? ageSince(e.firstTimestamp, ctx.now)
        : ageSince(e.eventTime, ctx.now)
    let last = e.lastTimestamp !== undefined ? ageSince(e.lastTimestamp, ctx.now) : first
    let count = e.count
    if (e.series) {
      last = ageSince(at(e.series, 'lastObservedTime'), ctx.now)
      count = num(e.series, 'count')
    } else if (count === 0) {
      // Singleton events of the new API carry no count.
      count = 1
    }
    const kind = str(e.involved, 'kind').toLowerCase()
    const name = str(e.involved, 'name')
    return [
      last,
      e.type,
      e.reason,
      name !== '' ? `${kind}/${name}` : kind,
      str(e.involved, 'fieldPath'),
      eventSource(e.component, e.host),
      e.message.trim(),
      first,
      count,
      ev.metadata.name ?? '',
    ]
  },
}

/** Returns the fields the printer needs from either the core/v1 or the events.k8s.io spelling. */
function normalize(ev: KubeObject) {
  const core = rec(ev, 'involvedObject') !== undefined || rec(ev, 'regarding') === undefined
  const pick = (coreKey: string, newKey: string) =>
    core ? at(ev, coreKey) : (at(ev, newKey) ?? at(ev, coreKey))
  const ts = (v: unknown) => (parseTimestamp(v) === undefined ? undefined : v)
  return {
    involved: core ? at(ev, 'involvedObject') : at(ev, 'regarding'),
    message: str(core ? ev.message : (ev.note ?? ev.message)),
    type: str(ev, 'type'),
    reason: str(ev, 'reason'),
    firstTimestamp: ts(pick('firstTimestamp', 'deprecatedFirstTimestamp')),
    lastTimestamp: ts(pick('lastTimestamp', 'deprecatedLastTimestamp')),
    eventTime: at(ev, 'eventTime'),
    count: optNum(pick('count', 'deprecatedCount')) ?? 0,
    series: rec(ev, 'series'),
    component:
      str(pick('source', 'deprecatedSource'), 'component') || str(ev, 'reportingController'),
    host: str(pick('source', 'deprecatedSource'), 'host') || str(ev, 'reportingInstance'),
  }
}

function eventSource(component: string, instance: string): string {
  return instance === '' ? component : `${component}, ${instance}`
}
