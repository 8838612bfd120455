import { isStatusError } from '../api/errors.js'
import { objectKey, type KubeObject, type WatchEvent } from '../api/types.js'
import type { Clock } from '../util/index.js'
import { errorMessage, silentLog, type ClientLog } from './client-log.js'
import type { KubeClient, ResourceRef } from './kube-client.js'

/** Callbacks of an informer; they should only queue keys. */
export interface InformerHandler<T extends KubeObject> {
  add?(obj: T): void
  update?(old: T, obj: T): void
  delete?(obj: T): void
}

/** What an informer lists and watches, and where the failures it survives go. */
export interface InformerOptions {
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
  log?: ClientLog
  /**
   * Simulated ms to pause after a failed list or watch, every time (1.11's reflector period);
   * without it the pause doubles from 100 ms up to 30 s.
   */
  retryMs?: number
  /** Receives each failure the informer survives (besides the log). */
  onError?: (err: unknown) => void
}

type WatchResult = { rv: string | undefined; relist: boolean; failed: boolean }

/**
 * Keeps a cache of one resource in step with the API server as client-go's reflector does: list,
 * then watch from the list's resourceVersion; a closed watch resumes from the last version seen,
 * a 410 Gone (or any watch error) relists and reports the differences as add/update/delete.
 * A deletion of an object the cache never held reaches no handler (1.11's DeltaFIFO.Delete).
 */
export class Informer<T extends KubeObject = KubeObject> {
  readonly ref: ResourceRef
  private client: KubeClient
  private clock: Clock
  private opts: InformerOptions
  private log: ClientLog
  private cache = new Map<string, T>()
  private handlers: InformerHandler<T>[] = []
  private isSynced = false
  private indexers = new Map<string, (obj: T) => string[]>()
  private indices = new Map<string, Map<string, Set<string>>>()

  constructor(client: KubeClient, ref: ResourceRef, clock: Clock, opts: InformerOptions = {}) {
    this.client = client
    this.ref = ref
    this.clock = clock
    this.opts = opts
    this.log = opts.log ?? silentLog
    // client-go's NamespaceIndex: list(namespace) costs the namespace, not every object.
    this.addIndex(NAMESPACE_INDEX, (o) => [o.metadata.namespace ?? ''])
  }

  /** Adds handlers; returns the informer. */
  on(h: InformerHandler<T>): this {
    this.handlers.push(h)
    return this
  }

  /** Returns true once the first list has been loaded. */
  get synced(): boolean {
    return this.isSynced
  }

  /** The cached objects by key (`namespace/name` or `name`). */
  get items(): ReadonlyMap<string, T> {
    return this.cache
  }

  /** Returns the cached objects, optionally of one namespace. */
  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.cache.values()]
    return this.byIndex(NAMESPACE_INDEX, namespace)
  }

  /**
   * Adds an index (client-go's Indexers): `fn` names the values an object is filed under, and
   * `byIndex` returns the cached objects filed under one value, without looking at the others.
   */
  addIndex(name: string, fn: (obj: T) => string[]): this {
    if (this.indexers.has(name)) return this
    this.indexers.set(name, fn)
    const index = new Map<string, Set<string>>()
    this.indices.set(name, index)
    for (const [key, obj] of this.cache) for (const v of fn(obj)) fileUnder(index, v, key)
    return this
  }

  /** Returns the cached objects an index files under `value`, in the order they were first filed there. */
  byIndex(name: string, value: string): T[] {
    const keys = this.indices.get(name)?.get(value)
    if (!keys) {
      if (!this.indices.has(name)) throw new Error(`failed to look up index ${name}: no such index`)
      return []
    }
    return [...keys].map((k) => this.cache.get(k)).filter((o): o is T => o !== undefined)
  }

  /** Returns a cached object by key (`namespace/name` or `name`). */
  get(key: string): T | undefined {
    return this.cache.get(key)
  }

  /** Starts listing and watching until the signal aborts; resolves once the cache has synced. */
  start(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(), { once: true })
      this.run(signal, resolve).catch((err: unknown) => {
        this.fail('informer stopped', err)
        resolve()
      })
    })
  }

  private async run(signal: AbortSignal, onSynced: () => void): Promise<void> {
    let rv: string | undefined
    let failures = 0
    const { namespace, labelSelector, fieldSelector } = this.opts
    const sel = {
      ...(namespace ? { namespace } : {}),
      ...(labelSelector ? { labelSelector } : {}),
      ...(fieldSelector ? { fieldSelector } : {}),
    }
    while (!signal.aborted) {
      if (rv === undefined) {
        try {
          const l = await this.client.list<T>(this.ref, sel)
          if (signal.aborted) return
          this.replace(l.items)
          rv = l.metadata.resourceVersion ?? ''
          failures = 0
          if (!this.isSynced) {
            this.isSynced = true
            onSynced()
          }
        } catch (err) {
          const reported = isStatusError(err)
            ? err
            : new Error(`failed to list ${this.ref.resource}`, { cause: err })
          this.fail('list failed', err, reported)
          await this.clock.sleep(this.pauseMs(failures++), signal)
          continue
        }
      }
      const r = await this.watchOnce({ ...sel, resourceVersion: rv, allowBookmarks: true }, signal)
      rv = r.relist ? undefined : r.rv
      if (!r.failed) failures = 0
      else await this.clock.sleep(this.pauseMs(failures++), signal)
    }
  }

  /** Returns the pause after the `failures`-th failure in a row. */
  private pauseMs(failures: number): number {
    return this.opts.retryMs ?? Math.min(30_000, 100 * 2 ** Math.min(failures, 10))
  }

  /** Logs a failure the informer survives and hands it (or `reported`) to `onError`. */
  private fail(msg: string, err: unknown, reported: unknown = err): void {
    this.log.error(msg, { resource: this.ref.resource, err: errorMessage(err) })
    this.opts.onError?.(reported)
  }

  private watchOnce(
    o: Parameters<KubeClient['watch']>[1],
    signal: AbortSignal
  ): Promise<WatchResult> {
    return new Promise((resolve) => {
      let rv = o.resourceVersion
      let done = false
      let heard = false
      let stop = () => {}
      const finish = (r: WatchResult) => {
        if (done) return
        done = true
        signal.removeEventListener('abort', onAbort)
        stop()
        resolve(r)
      }
      const onAbort = () => finish({ rv, relist: false, failed: false })
      signal.addEventListener('abort', onAbort, { once: true })
      stop = this.client.watch(
        this.ref,
        o,
        (ev) => {
          if (done) return
          if (ev.type === 'ERROR') {
            const status = ev.object as unknown as { code?: number; message?: string }
            // 410 Gone: the version fell out of the server's window; anything else: start over too.
            if (status.code !== 410)
              this.fail(
                'watch error',
                new Error(`failed to watch ${this.ref.resource}: ${status.message ?? ''}`)
              )
            return finish({ rv, relist: true, failed: status.code !== 410 })
          }
          heard = true
          rv = ev.object.metadata.resourceVersion ?? rv
          if (ev.type !== 'BOOKMARK') this.apply(ev as WatchEvent<T>)
        },
        (err) => {
          if (err && !isStatusError(err, 'Gone') && !isStatusError(err, 'Expired'))
            this.fail('watch ended', err)
          // A watch that closes before saying anything is retried after a pause, not at once.
          finish({ rv, relist: !!err, failed: !!err || !heard })
        }
      )
      if (done) stop()
    })
  }

  /** Files a cached object under its index values (and out of its old object's). */
  private reindex(key: string, old: T | undefined, obj: T | undefined): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!
      const was = old ? fn(old) : NO_VALUES
      const now = obj ? fn(obj) : NO_VALUES
      // An update that keeps the object's values (most do) leaves it where it was filed.
      if (sameValues(was, now)) continue
      for (const v of was) {
        const keys = index.get(v)
        keys?.delete(key)
        if (keys?.size === 0) index.delete(v)
      }
      for (const v of now) fileUnder(index, v, key)
    }
  }

  private apply(ev: WatchEvent<T>): void {
    const key = objectKey(ev.object)
    const old = this.cache.get(key)
    if (ev.type === 'DELETED') {
      // Deleted meanwhile and already reported by a relist: not a second time.
      if (!old) return
      this.cache.delete(key)
      this.reindex(key, old, undefined)
      this.emit((h) => h.delete?.(ev.object))
    } else {
      this.cache.set(key, ev.object)
      this.reindex(key, old, ev.object)
      if (old) this.emit((h) => h.update?.(old, ev.object))
      else this.emit((h) => h.add?.(ev.object))
    }
  }

  private replace(items: T[]): void {
    const seen = new Set<string>()
    for (const obj of items) {
      const key = objectKey(obj)
      seen.add(key)
      const old = this.cache.get(key)
      this.cache.set(key, obj)
      this.reindex(key, old, obj)
      if (!old) this.emit((h) => h.add?.(obj))
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
        this.emit((h) => h.update?.(old, obj))
    }
    for (const [key, old] of [...this.cache]) {
      if (seen.has(key)) continue
      this.cache.delete(key)
      this.reindex(key, old, undefined)
      this.emit((h) => h.delete?.(old))
    }
  }

  private emit(fn: (h: InformerHandler<T>) => void): void {
    for (const h of this.handlers) {
      try {
        fn(h)
      } catch (err) {
        this.fail('informer handler failed', err)
      }
    }
  }
}

/** The index every informer keeps: its objects by namespace (`''` for cluster-scoped ones). */
export const NAMESPACE_INDEX = 'namespace'

const NO_VALUES: readonly string[] = []

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function fileUnder(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value)
  if (!keys) index.set(value, (keys = new Set()))
  keys.add(key)
}
