import type { ResourceInfo } from '../../api/resources/index.js'
import type { KubeObject, WatchEvent } from '../../api/types.js'
import { gone, isStatusError } from '../../api/errors.js'
import type { WatchStream } from '../request/index.js'
import type { MemoryStore, StoreEvent, StoreTrigger } from '../storage/index.js'
import { longTimeout } from './long-timeout.js'

/** What a watch selects and how it starts. */
export interface WatchOptions {
  store: MemoryStore
  info: ResourceInfo
  namespace?: string
  /** Returns true when an object is in the watch's selection (label, field, name selectors). */
  matches: (obj: KubeObject) => boolean
  /** Turns a stored object into what the client receives (a version conversion, or a Table). */
  render: (obj: KubeObject) => unknown
  /**
   * When set, the rendering depends only on the object and this key (`json:v1`): each event is
   * encoded once per key and type and the Buffer is shared by every watcher that sends it.
   */
  encodeKey?: string
  /** Renders a bookmark's object (kind and apiVersion of the watched type, or a Table). */
  bookmark: (rv: string, initialEventsEnd: boolean) => unknown
  /** `resourceVersion` as sent ('' or '0' means "start with the current state"). */
  resourceVersion: string
  sendInitialEvents: boolean
  allowBookmarks: boolean
  timeoutSeconds: number
  /** Seconds between periodic bookmarks. */
  bookmarkEverySeconds: number
  contentType: string
  /**
   * How far (bytes of events written since the watch began) a watcher whose client stopped
   * reading may fall behind before it is closed with 410 Expired, as kube-apiserver's watch cache
   * closes unresponsive watchers (default 32 MiB).
   */
  maxLagBytes?: number
  /** The same budget in events (default 10,000). */
  maxLagEvents?: number
  /**
   * Returns the value the selector requires a field to equal (`spec.nodeName=node-1`), if any:
   * a watch of pods on one node then hears only its node's events (kube-apiserver's trigger).
   */
  exactField?: (field: string) => string | undefined
}

/** Returns the trigger of a watch whose selector pins its resource's trigger field, if any. */
function triggerOf(o: WatchOptions): StoreTrigger | undefined {
  // The trigger field is the resource record's (kube-apiserver's TriggerFuncs: pods' spec.nodeName).
  const t = o.info.fields?.find((f) => f.trigger)
  const value = t && o.exactField?.(t.name)
  return t && value !== undefined ? { name: t.name, of: t.read, value } : undefined
}

/**
 * Creates a watch stream over the store with kube-apiserver's semantics: initial ADDED events
 * for the current state when no version is given, replay from a version inside the window, 410
 * (as an ERROR event) when it is too old, ADDED/DELETED when an object enters or leaves the
 * selection, WatchList's initial-events-end bookmark, periodic bookmarks and a timeout.
 *
 * The watcher holds no queue of its own: it reads the store's event window from its last
 * resourceVersion while the client keeps up (`send` returning false pauses it until `resume`),
 * so a slow client costs a cursor, not copies; one that falls too far behind is closed.
 */
export function createWatch(o: WatchOptions): WatchStream {
  return {
    contentType: o.contentType,
    start(send, end, onResume) {
      const timers: { clear(): void }[] = []
      let unsubscribe = () => {}
      let closed = false
      const stop = () => {
        if (closed) return
        closed = true
        unsubscribe()
        for (const t of timers) t.clear()
      }
      const fail = (err: unknown) => {
        if (!isStatusError(err)) throw err
        send({ type: 'ERROR', object: err.toStatus() })
        stop()
        setImmediate(end)
      }
      const { store } = o
      const storage = o.info.storage
      const inNs = (obj: KubeObject) => !o.namespace || obj.metadata.namespace === o.namespace
      const selected = (obj: KubeObject | undefined) => !!obj && inNs(obj) && o.matches(obj)
      const maxLagBytes = o.maxLagBytes ?? 32 * 1024 * 1024
      const maxLagEvents = o.maxLagEvents ?? 10_000
      let cursor = store.currentRv()
      /** Events (and their bytes) of this storage written since the watcher last caught up. */
      let lagEvents = 0
      let lagBytes = 0
      let paused = false
      let pumping = false
      /** Objects of the initial state still to send (references to stored objects, not copies). */
      let initial: KubeObject[] = []
      let initialAt = 0
      let afterInitial: (() => void) | undefined

      /** Sends one event; returns false when the client's buffer is full. */
      const deliver = (ev: StoreEvent): boolean => {
        const now = selected(ev.object)
        const before = ev.type === 'MODIFIED' ? selected(ev.old) : now
        let type: WatchEvent['type'] | undefined
        if (ev.type === 'MODIFIED')
          type = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined
        else type = now ? ev.type : undefined
        if (!type) return true
        const t = type
        const render = () => ({ type: t, object: o.render(ev.object) })
        const key = o.encodeKey
        const encode = key
          ? () => store.window.encode(ev, `${key}:${t}`, () => encodeEvent(render()))
          : undefined
        return send(render(), encode) !== false
      }
      const pump = () => {
        if (pumping || closed) return
        pumping = true
        try {
          while (!paused && !closed && initialAt < initial.length) {
            const obj = initial[initialAt++]!
            if (send({ type: 'ADDED', object: o.render(obj) }) === false) paused = true
          }
          if (initialAt < initial.length || paused || closed) return
          initial = []
          if (afterInitial) {
            const f = afterInitial
            afterInitial = undefined
            f()
          }
          while (!paused && !closed) {
            const ev = store.next(storage, cursor)
            if (!ev) {
              cursor = store.currentRv()
              lagEvents = lagBytes = 0
              break
            }
            cursor = ev.rv
            if (!deliver(ev)) paused = true
          }
        } catch (err) {
          fail(err)
        } finally {
          pumping = false
        }
      }
      const caughtUp = () => !paused && !pumping && !afterInitial && initialAt >= initial.length
      // Hears only its storage's events (and with a trigger only those it may select): while it
      // keeps up, each one is the next it has to look at.
      const onEvent = (ev: StoreEvent) => {
        if (closed || ev.rv <= cursor) return
        // The common case, a watcher that keeps up: no window lookup.
        if (caughtUp()) {
          cursor = ev.rv
          try {
            if (!deliver(ev)) paused = true
          } catch (err) {
            fail(err)
          }
          return
        }
        lagEvents++
        lagBytes += ev.size ?? 0
        if (!paused) return pump()
        if (lagBytes > maxLagBytes || lagEvents > maxLagEvents) {
          fail(
            gone(
              `too old resource version: ${cursor} (the watcher fell ${lagEvents} events, ${lagBytes} bytes behind and was closed)`
            )
          )
        }
      }
      onResume?.(() => {
        paused = false
        pump()
      })

      const startInitial =
        o.sendInitialEvents || o.resourceVersion === '' || o.resourceVersion === '0'
      try {
        if (startInitial) {
          const { items, rv } = store.list(storage, o.namespace, { copy: false })
          initial = items.filter((obj) => o.matches(obj))
          cursor = rv
          if (o.sendInitialEvents)
            afterInitial = () => {
              send({ type: 'BOOKMARK', object: o.bookmark(String(rv), true) })
            }
        } else {
          cursor = Number(o.resourceVersion)
          store.checkRv(cursor)
        }
      } catch (err) {
        fail(err)
        return stop
      }
      unsubscribe = store.subscribeTo(storage, onEvent, triggerOf(o))
      pump()
      if (o.allowBookmarks && o.bookmarkEverySeconds > 0) {
        const tick = () => {
          if (closed) return
          // Caught up, it has seen every event up to the store's version that concerns it.
          if (caughtUp()) cursor = Math.max(cursor, store.currentRv())
          if (!paused && initialAt >= initial.length)
            send({ type: 'BOOKMARK', object: o.bookmark(String(cursor), false) })
          timers.push(longTimeout(tick, o.bookmarkEverySeconds * 1000))
        }
        timers.push(longTimeout(tick, o.bookmarkEverySeconds * 1000))
      }
      timers.push(
        longTimeout(() => {
          stop()
          end()
        }, o.timeoutSeconds * 1000)
      )
      return stop
    },
  }
}

/** Returns a watch event's JSON line, as the HTTP transport writes it. */
export function encodeEvent(ev: WatchEvent<unknown>): Buffer {
  return Buffer.from(JSON.stringify(ev) + '\n')
}
