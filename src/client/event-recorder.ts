import type { Event, ObjectReference } from '../api/core-types.js'
import { isStatusError } from '../api/errors.js'
import { rfc3339, type KubeObject } from '../api/types.js'
import type { Clock } from '../util/index.js'
import { errorMessage, silentLog, type ClientLog } from './client-log.js'
import { eventsRef } from './core-refs.js'
import { PatchType, type KubeClient } from './kube-client.js'

/** `Normal` or `Warning`, as v1.Event.type. */
export type EventType = 'Normal' | 'Warning'

/** Who reports events: `source.component` and, for kubelets, `source.host`. */
export interface EventSource {
  component: string
  host?: string
}

/** Options of an EventRecorder. */
export interface EventRecorderOptions {
  client: KubeClient
  clock: Clock
  source: EventSource
  log?: ClientLog
}

/** The fields of an Event the recorder writes besides its name and namespace. */
type EventFields = Pick<
  Event,
  | 'involvedObject'
  | 'reason'
  | 'message'
  | 'source'
  | 'firstTimestamp'
  | 'lastTimestamp'
  | 'count'
  | 'type'
  | 'eventTime'
  | 'reportingComponent'
  | 'reportingInstance'
>

/** Optional details of one event. */
export interface EventDetails {
  /** `involvedObject.fieldPath`, e.g. `spec.containers{web}`. */
  fieldPath?: string
}

const MAX_SIMILAR = 10 // EventAggregator: distinct messages before combining
const SIMILAR_WINDOW_MS = 600_000
const CACHE_SIZE = 4096

interface Logged {
  name: string
  namespace: string
  count: number
  firstTimestamp: string
}

/**
 * Writes core/v1 Events as client-go's 1.11 event broadcaster does: an identical event (same
 * source, object, type, reason and message) updates the existing Event's `count` and
 * `lastTimestamp` instead of creating another; more than 10 different messages with the same
 * reason for one object within 10 minutes are combined ("(combined from similar events): …").
 * Writes never throw; failures are logged and dropped, as the broadcaster drops them.
 */
export class EventRecorder {
  private client: KubeClient
  private clock: Clock
  private source: EventSource
  private log: ClientLog
  private logged = new Map<string, Logged>()
  private similar = new Map<string, { messages: Set<string>; last: number }>()
  private chains = new Map<string, Promise<void>>()
  private seq = 0n

  constructor(o: EventRecorderOptions) {
    this.client = o.client
    this.clock = o.clock
    this.source = o.source
    this.log = o.log ?? silentLog
  }

  /** Records an event about `obj`; resolves once it is written or dropped. */
  event(
    obj: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    details: EventDetails = {}
  ): Promise<void> {
    const involved: ObjectReference = {
      kind: obj.kind ?? '',
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      name: obj.metadata.name ?? '',
      uid: obj.metadata.uid ?? '',
      apiVersion: obj.apiVersion ?? '',
      resourceVersion: obj.metadata.resourceVersion ?? '',
      ...(details.fieldPath ? { fieldPath: details.fieldPath } : {}),
    }
    const src = `${this.source.component}|${this.source.host ?? ''}`
    const objKey = `${involved.kind ?? ''}|${involved.namespace ?? ''}|${involved.name ?? ''}|${involved.uid ?? ''}|${involved.apiVersion ?? ''}|${involved.fieldPath ?? ''}`
    const aggregateKey = `${src}|${objKey}|${type}|${reason}`
    const { key, text } = this.aggregate(aggregateKey, message)
    const prev = this.chains.get(key) ?? Promise.resolve()
    const next = prev
      .then(() => this.write(key, involved, type, reason, text))
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key)
      })
    this.chains.set(key, next)
    return next
  }

  /** Resolves when every event recorded so far has been written or dropped. */
  async flush(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()])
  }

  private aggregate(aggregateKey: string, message: string): { key: string; text: string } {
    const now = this.clock.simMs()
    let rec = this.similar.get(aggregateKey)
    if (!rec || now - rec.last > SIMILAR_WINDOW_MS) {
      rec = { messages: new Set(), last: now }
      this.remember(this.similar, aggregateKey, rec)
    }
    rec.messages.add(message)
    rec.last = now
    if (rec.messages.size < MAX_SIMILAR) return { key: `${aggregateKey}|${message}`, text: message }
    return { key: aggregateKey, text: `(combined from similar events): ${message}` }
  }

  private async write(
    key: string,
    involved: ObjectReference,
    type: EventType,
    reason: string,
    message: string
  ): Promise<void> {
    const now = rfc3339(this.clock.now())
    const namespace = involved.namespace ?? 'default'
    const seen = this.logged.get(key)
    try {
      if (seen) {
        const count = seen.count + 1
        try {
          await this.client.patch(
            eventsRef,
            seen.name,
            namespace,
            { count, lastTimestamp: now, message },
            PatchType.merge,
            { handOver: true }
          )
          this.remember(this.logged, key, { ...seen, count })
          return
        } catch (err) {
          if (!isStatusError(err, 'NotFound')) throw err
        }
      }
      const count = (seen?.count ?? 0) + 1
      const firstTimestamp = seen?.firstTimestamp ?? now
      const name = await this.createEvent(namespace, involved.name ?? '', {
        involvedObject: involved,
        reason,
        message,
        source: {
          component: this.source.component,
          ...(this.source.host ? { host: this.source.host } : {}),
        },
        firstTimestamp,
        lastTimestamp: now,
        count,
        type,
        eventTime: null,
        reportingComponent: '',
        reportingInstance: '',
      })
      this.remember(this.logged, key, { name, namespace, count, firstTimestamp })
    } catch (err) {
      // The broadcaster drops events it cannot write (e.g. into a terminating namespace).
      this.log.error('failed to write event', {
        reason,
        object: involved.name,
        err: errorMessage(err),
      })
    }
  }

  /** Creates an Event named `<object>.<hex>`, trying another name if one is taken; returns the name. */
  private async createEvent(
    namespace: string,
    objectName: string,
    body: EventFields
  ): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const name = `${objectName}.${this.nanoName()}`
      try {
        // Every attempt sends objects of its own (the server keeps what it is handed over).
        await this.client.create<Event>(
          eventsRef,
          {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace },
            ...body,
            involvedObject: { ...body.involvedObject },
            source: { ...body.source },
          },
          { handOver: true }
        )
        return name
      } catch (err) {
        if (!isStatusError(err, 'AlreadyExists') || attempt >= 3) throw err
      }
    }
  }

  // Event names are `<object>.<hex of UnixNano>`; the sequence keeps names unique within a millisecond.
  private nanoName(): string {
    this.seq = (this.seq + 1n) % 1_000_000n
    return (BigInt(this.clock.now().getTime()) * 1_000_000n + this.seq).toString(16)
  }

  private remember<V>(m: Map<string, V>, key: string, v: V): void {
    m.delete(key)
    m.set(key, v)
    if (m.size > CACHE_SIZE) m.delete(m.keys().next().value as string)
  }
}

/** Creates an EventRecorder. */
export function createEventRecorder(o: EventRecorderOptions): EventRecorder {
  return new EventRecorder(o)
}
