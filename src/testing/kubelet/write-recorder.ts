import { deepCopy, isObject, type KubeObject, type Obj } from '../../api/types.js'
import type { KubeClient, ResourceRef } from '../../client/index.js'
import type { Clock } from '../../util/index.js'

/** One write a component sent to the API about the watched pod, stamped with the simulated time. */
export interface RecordedWrite {
  /** Simulated ms (the clock's simMs) when the request was sent. */
  atMs: number
  /** `pod`: a write to the pod or a subresource of it; `event`: an Event about the pod. */
  channel: 'pod' | 'event'
  /** What was written: verb, subresource, patch type and body (pod), or the Event's fields. */
  write: Obj
  /** The error reason when the API refused the write. */
  error?: string
}

/** A client whose writes about one pod are recorded, and whose traffic a test can wait out. */
export interface WriteRecorder {
  client: KubeClient
  /** The recorded writes, in the order they were sent. */
  readonly writes: RecordedWrite[]
  /** Requests sent so far (any resource, reads included). */
  calls(): number
  /** Requests not answered yet. */
  inFlight(): number
}

/**
 * Wraps a component's client (the kubelet's) to record what it writes about the pod
 * `namespace/name`: pod patches, updates, deletes and subresource posts, and Events whose
 * involvedObject is the pod (a repeat, which the event recorder sends as a count patch, is recorded
 * as the same Event with its new count). Reads and writes about other objects are only counted.
 */
export function recordWrites(
  inner: KubeClient,
  clock: Clock,
  pod: { namespace: string; name: string }
): WriteRecorder {
  const writes: RecordedWrite[] = []
  const events = new Map<string, Obj>()
  let calls = 0
  let inFlight = 0
  const isPod = (ref: ResourceRef, name: string | undefined, ns: string | undefined) =>
    ref.resource === 'pods' && name === pod.name && (ns ?? 'default') === pod.namespace
  const track = <T>(record: RecordedWrite | undefined, p: () => Promise<T>): Promise<T> => {
    calls++
    inFlight++
    if (record) writes.push(record)
    return p()
      .catch((err: unknown) => {
        if (record) record.error = isObject(err) ? String(err.reason ?? err.message) : String(err)
        throw err
      })
      .finally(() => inFlight--)
  }
  const at = () => clock.simMs()
  const eventCreate = (ref: ResourceRef, obj: KubeObject): RecordedWrite | undefined => {
    if (ref.resource !== 'events') return undefined
    const o = obj as Obj
    const involved = isObject(o.involvedObject) ? o.involvedObject : {}
    if (involved.kind !== 'Pod' || involved.name !== pod.name) return undefined
    if ((involved.namespace ?? 'default') !== pod.namespace) return undefined
    const write: Obj = {
      type: o.type,
      reason: o.reason,
      message: o.message,
      ...(involved.fieldPath ? { fieldPath: involved.fieldPath } : {}),
      count: o.count,
    }
    events.set(obj.metadata.name ?? '', write)
    return { atMs: at(), channel: 'event', write }
  }
  const eventPatch = (ref: ResourceRef, name: string, body: unknown): RecordedWrite | undefined => {
    const seen = ref.resource === 'events' ? events.get(name) : undefined
    if (!seen || !isObject(body)) return undefined
    const write: Obj = { ...seen, ...(body.message ? { message: body.message } : {}) }
    write.count = body.count
    events.set(name, write)
    return { atMs: at(), channel: 'event', write }
  }
  // Bodies are copied: the caller may reuse or change its objects after the call.
  const podWrite = (write: Obj): RecordedWrite => ({
    atMs: at(),
    channel: 'pod',
    write: deepCopy(write),
  })
  const client: KubeClient = {
    get: (ref, name, ns) => track(undefined, () => inner.get(ref, name, ns)),
    list: (ref, opts) => track(undefined, () => inner.list(ref, opts)),
    create: (ref, obj, opts) => {
      const rec = isPod(ref, obj.metadata.name, obj.metadata.namespace)
        ? podWrite({ verb: 'create', body: obj })
        : eventCreate(ref, obj)
      return track(rec, () => inner.create(ref, obj, opts))
    },
    update: (ref, obj, opts) => {
      const rec = isPod(ref, obj.metadata.name, obj.metadata.namespace)
        ? podWrite({
            verb: 'update',
            ...(opts?.subresource ? { subresource: opts.subresource } : {}),
            body: opts?.subresource === 'status' ? { status: (obj as Obj).status } : obj,
          })
        : undefined
      return track(rec, () => inner.update(ref, obj, opts))
    },
    patch: (ref, name, ns, body, type, opts) => {
      const rec = isPod(ref, name, ns)
        ? podWrite({
            verb: 'patch',
            ...(opts?.subresource ? { subresource: opts.subresource } : {}),
            type,
            body,
          })
        : eventPatch(ref, name, body)
      return track(rec, () => inner.patch(ref, name, ns, body, type, opts))
    },
    delete: (ref, name, ns, opts) => {
      const rec = isPod(ref, name, ns)
        ? podWrite({ verb: 'delete', ...(opts ? { options: opts } : {}) })
        : undefined
      return track(rec, () => inner.delete(ref, name, ns, opts))
    },
    post: (ref, name, ns, sub, body) => {
      const rec = isPod(ref, name, ns)
        ? podWrite({ verb: 'post', subresource: sub, body })
        : undefined
      return track(rec, () => inner.post(ref, name, ns, sub, body))
    },
    watch: (ref, opts, onEvent, onEnd) => inner.watch(ref, opts, onEvent, onEnd),
    ...(inner.getPath ? { getPath: inner.getPath.bind(inner) } : {}),
  }
  return { client, writes, calls: () => calls, inFlight: () => inFlight }
}
