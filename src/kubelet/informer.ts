import { isStatusError } from '../api/errors.js'
import type { KubeObject, WatchEvent } from '../api/types.js'
import type { KubeClient, ListOptions, ResourceRef } from '../client/index.js'
import type { Clock } from '../util/index.js'

/** Callbacks of an informer; each sees the object after the change (the old one on delete). */
export interface InformerHandlers<T extends KubeObject = KubeObject> {
  onAdd?(obj: T): void
  onUpdate?(old: T, obj: T): void
  onDelete?(obj: T): void
}

/** Options of an informer: the selection, and where errors that it survives go. */
export interface InformerOptions extends ListOptions {
  /** Simulated milliseconds to wait before listing again after a failed list or watch. */
  retryMs?: number
  onError?: (err: unknown) => void
}

/** A running informer: a local cache of the selected objects kept current by a watch. */
export interface Informer<T extends KubeObject = KubeObject> {
  /** The cached objects by `namespace/name` (or `name`). */
  readonly items: ReadonlyMap<string, T>
  /** Resolves once the first list is in the cache and its handlers ran. */
  readonly synced: Promise<void>
  stop(): void
}

/** Returns the cache key of an object: `namespace/name`, or `name` for cluster-scoped ones. */
export function objectKey(obj: KubeObject): string {
  const { namespace, name } = obj.metadata
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '')
}

/**
 * Starts an informer (list, then watch from the list's resourceVersion), as client-go's
 * reflector does: a watch that ends is resumed from the last version seen, and one that fails
 * (410 Gone) leads to a new list whose differences reach the handlers as adds, updates and deletes.
 */
export function startInformer<T extends KubeObject = KubeObject>(
  client: KubeClient,
  clock: Clock,
  ref: ResourceRef,
  opts: InformerOptions,
  handlers: InformerHandlers<T>
): Informer<T> {
  const items = new Map<string, T>()
  let stopped = false
  let stopWatch = () => {}
  let cancelRetry = () => {}
  let markSynced: () => void = () => {}
  const synced = new Promise<void>((resolve) => (markSynced = resolve))
  const { retryMs = 1000, onError = () => {}, ...selection } = opts

  const retry = (err: unknown) => {
    if (stopped) return
    onError(err)
    cancelRetry = clock.after(retryMs, () => void relist())
  }

  const apply = (ev: WatchEvent<T>) => {
    const obj = ev.object
    const key = objectKey(obj)
    const old = items.get(key)
    if (ev.type === 'DELETED') {
      items.delete(key)
      if (old) handlers.onDelete?.(obj)
    } else if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
      items.set(key, obj)
      if (old) handlers.onUpdate?.(old, obj)
      else handlers.onAdd?.(obj)
    }
  }

  const watch = (resourceVersion: string) => {
    if (stopped) return
    let rv = resourceVersion
    let failed = false
    stopWatch = client.watch(
      ref,
      { ...selection, resourceVersion: rv, allowBookmarks: true },
      (ev) => {
        if (stopped) return
        if (ev.type === 'ERROR') {
          failed = true
          return
        }
        rv = ev.object.metadata.resourceVersion ?? rv
        apply(ev as WatchEvent<T>)
      },
      (err) => {
        if (stopped) return
        if (err || failed) retry(err ?? new Error(`watch of ${ref.resource} failed`))
        else watch(rv)
      }
    )
  }

  const relist = async () => {
    if (stopped) return
    try {
      const list = await client.list<T>(ref, selection)
      if (stopped) return
      const seen = new Set<string>()
      for (const obj of list.items) {
        const key = objectKey(obj)
        seen.add(key)
        if (items.get(key)?.metadata.resourceVersion !== obj.metadata.resourceVersion) {
          apply({ type: 'MODIFIED', object: obj })
        }
      }
      for (const [key, obj] of [...items])
        if (!seen.has(key)) apply({ type: 'DELETED', object: obj })
      markSynced()
      watch(list.metadata.resourceVersion ?? '0')
    } catch (err) {
      // A list can fail while the server starts or stops; the informer keeps trying.
      retry(isStatusError(err) ? err : new Error(`list of ${ref.resource} failed`, { cause: err }))
    }
  }

  void relist()
  return {
    items,
    synced,
    stop() {
      stopped = true
      stopWatch()
      cancelRetry()
    },
  }
}
