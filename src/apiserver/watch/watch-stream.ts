import type { ResourceInfo } from '../../api/resources/index.js'
import type { KubeObject, WatchEvent } from '../../api/types.js'
import { isStatusError } from '../../api/errors.js'
import type { WatchStream } from '../request/index.js'
import type { MemoryStore, StoreEvent } from '../storage/index.js'

/** What a watch selects and how it starts. */
export interface WatchOptions {
  store: MemoryStore
  info: ResourceInfo
  namespace?: string
  /** Returns true when an object is in the watch's selection (label, field, name selectors). */
  matches: (obj: KubeObject) => boolean
  /** Turns a stored object into what the client receives (a version conversion, or a Table). */
  render: (obj: KubeObject) => unknown
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
}

/**
 * Creates a watch stream over the store with kube-apiserver's semantics: initial ADDED events
 * for the current state when no version is given, replay from a version inside the window, 410
 * (as an ERROR event) when it is too old, ADDED/DELETED when an object enters or leaves the
 * selection, WatchList's initial-events-end bookmark, periodic bookmarks and a timeout.
 */
export function createWatch(o: WatchOptions): WatchStream {
  return {
    contentType: o.contentType,
    start(send, end) {
      const timers: NodeJS.Timeout[] = []
      let unsubscribe = () => {}
      let closed = false
      const stop = () => {
        if (closed) return
        closed = true
        unsubscribe()
        for (const t of timers) clearTimeout(t)
      }
      const inNs = (obj: KubeObject) => !o.namespace || obj.metadata.namespace === o.namespace
      const selected = (obj: KubeObject | undefined) => !!obj && inNs(obj) && o.matches(obj)
      let lastRv = o.store.currentRv()
      const deliver = (ev: StoreEvent) => {
        lastRv = ev.rv
        const now = selected(ev.object)
        const before = ev.type === 'MODIFIED' ? selected(ev.old) : now
        let type: WatchEvent['type'] | undefined
        if (ev.type === 'MODIFIED')
          type = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined
        else type = now ? ev.type : undefined
        if (type) send({ type, object: o.render(ev.object) })
      }
      const initial = o.sendInitialEvents || o.resourceVersion === '' || o.resourceVersion === '0'
      try {
        if (initial) {
          const { items, rv } = o.store.list(o.info.storage, o.namespace, { copy: false })
          for (const obj of items)
            if (o.matches(obj)) send({ type: 'ADDED', object: o.render(obj) })
          lastRv = rv
          if (o.sendInitialEvents) send({ type: 'BOOKMARK', object: o.bookmark(String(rv), true) })
          unsubscribe = o.store.watch(o.info.storage, rv, deliver)
        } else {
          const from = Number(o.resourceVersion)
          unsubscribe = o.store.watch(o.info.storage, Number.isFinite(from) ? from : 0, deliver)
        }
      } catch (err) {
        if (!isStatusError(err)) throw err
        send({ type: 'ERROR', object: err.toStatus() })
        stop()
        setImmediate(end)
        return stop
      }
      if (o.allowBookmarks && o.bookmarkEverySeconds > 0) {
        const tick = () => {
          if (closed) return
          send({ type: 'BOOKMARK', object: o.bookmark(String(lastRv), false) })
          timers.push(setTimeout(tick, o.bookmarkEverySeconds * 1000).unref())
        }
        timers.push(setTimeout(tick, o.bookmarkEverySeconds * 1000).unref())
      }
      timers.push(
        setTimeout(() => {
          stop()
          end()
        }, o.timeoutSeconds * 1000).unref()
      )
      return stop
    },
  }
}
