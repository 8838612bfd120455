import { deepCopy, type KubeObject } from '../../api/types.js'
import { gone } from '../../api/errors.js'
import { EventWindow, type StoreEvent } from './event-window.js'

export type { StoreEvent } from './event-window.js'

/** Options of a MemoryStore. */
export interface MemoryStoreOptions {
  /** How many events a watch can resume from; older resourceVersions get 410 Gone. */
  windowSize: number
  /** Most bytes of objects the window holds (estimated; default 256 MiB): big objects leave it sooner. */
  windowBytes?: number
  /** Most bytes of shared event encodings kept (default 64 MiB). */
  encodedBytes?: number
  /** Age (ms) past which events leave the window beyond its newest 1,000 (default 5 minutes). */
  maxEventAgeMs?: number
  /** The clock of event ages (ms since the epoch; tests pass a fake one). */
  now?: () => number
}

/** A callback for watch events; returns nothing. */
export type StoreListener = (ev: StoreEvent) => void

/**
 * What a subscriber to one storage cares about, as kube-apiserver's cacher triggers (a pod's
 * `spec.nodeName` for a kubelet's watch): only events whose object, or object before the
 * change, `of` maps to `value` reach it.
 */
export interface StoreTrigger {
  /** Names the function (`spec.nodeName`): subscribers of one name share one index. */
  name: string
  of: (obj: KubeObject) => string
  value: string
}

/** The subscribers of one storage: those to every event and those indexed by a trigger. */
interface StorageListeners {
  all: Set<StoreListener>
  triggers: Map<
    string,
    { of: (obj: KubeObject) => string; byValue: Map<string, Set<StoreListener>> }
  >
}

/** Options of a list: copies or the stored objects, and a label every item must carry. */
export interface ListOptions {
  /** false: the stored objects themselves, read-only (default true: copies). */
  copy?: boolean
  /**
   * Only objects with this label (`key`, `value`), found through the store's label index rather
   * than by reading every object: a ReplicaSet's pods among thousands in its namespace.
   */
  label?: readonly [string, string]
}

/** Where and what: the storage (`deployments`), namespace ('' for cluster scope) and name. */
export interface StoreKey {
  storage: string
  namespace: string
  name: string
}

/**
 * Keeps every object in memory under one global resourceVersion counter, as etcd does for
 * kube-apiserver, with a bounded window of past events for watches to resume from.
 * It knows nothing of validation or HTTP: the registry above it does.
 */
export class MemoryStore {
  private data = new Map<string, Map<string, KubeObject>>()
  private rv = 1
  /** The recent events watches resume from (bounded by count and bytes). */
  readonly window: EventWindow
  private listeners = new Set<StoreListener>()
  private storageListeners = new Map<string, StorageListeners>()
  private writer: string | undefined
  /** Each storage's keys in list order, rebuilt only after a key was added or removed. */
  private sortedKeys = new Map<string, string[]>()
  /** Per storage, `key=value` of each label to the ids of the objects that carry it. */
  private labelIndex = new Map<string, Map<string, Set<string>>>()

  private now: () => number

  constructor(opts: MemoryStoreOptions = { windowSize: 10000 }) {
    this.now = opts.now ?? Date.now
    this.window = new EventWindow({
      events: opts.windowSize,
      bytes: opts.windowBytes ?? 256 * 1024 * 1024,
      encodedBytes: opts.encodedBytes ?? 64 * 1024 * 1024,
      maxAgeMs: opts.maxEventAgeMs ?? 5 * 60_000,
    })
  }

  /** Returns the current resourceVersion (the last one written). */
  currentRv(): number {
    return this.rv
  }

  /** Returns a copy of the object, or undefined. */
  get(key: StoreKey): KubeObject | undefined {
    const o = this.peek(key)
    return o && deepCopy(o)
  }

  /**
   * Returns the stored object itself, for read-only paths (serialising a GET): stored objects are
   * never mutated in place (every write stores a fresh copy), so a reader may hold one safely as
   * long as it does not change it.
   */
  peek(key: StoreKey): Readonly<KubeObject> | undefined {
    return this.bucket(key.storage).get(id(key.namespace, key.name))
  }

  /** Returns the objects of a storage in list order (by namespace, then name), in one namespace or all. */
  list(
    storage: string,
    namespace?: string,
    opts: ListOptions = {}
  ): { items: KubeObject[]; rv: number } {
    const items: KubeObject[] = []
    const b = this.bucket(storage)
    let keys: readonly string[] | undefined
    if (opts.label) {
      keys = [...(this.labelIndex.get(storage)?.get(labelId(...opts.label)) ?? [])].sort()
    } else {
      keys = this.sortedKeys.get(storage)
      if (!keys) this.sortedKeys.set(storage, (keys = [...b.keys()].sort()))
    }
    const prefix = namespace ? `${namespace}/` : ''
    for (const k of keys) {
      if (prefix && !k.startsWith(prefix)) continue
      const o = b.get(k)!
      items.push(opts.copy === false ? o : deepCopy(o))
    }
    return { items, rv: this.rv }
  }

  /** Returns how many objects a storage holds. */
  count(storage: string): number {
    return this.bucket(storage).size
  }

  /** Stores a new object; sets its resourceVersion; returns the stored copy. */
  create(storage: string, obj: KubeObject): KubeObject {
    return this.write(storage, obj, 'ADDED')
  }

  /** Replaces an existing object; sets its resourceVersion; returns the stored copy. */
  update(storage: string, obj: KubeObject): KubeObject {
    return this.write(storage, obj, 'MODIFIED')
  }

  /**
   * Stores `obj` itself as a new (`ADDED`) or replaced (`MODIFIED`) object, without copying it:
   * the caller hands it over and never changes it, nor anything in it, again (the API server's
   * registry, whose objects are fresh or share only what the stored objects share). Sets its
   * resourceVersion on a new top level and metadata; returns the stored object, read-only.
   */
  adopt(storage: string, obj: KubeObject, type: 'ADDED' | 'MODIFIED'): Readonly<KubeObject> {
    return this.put(storage, { ...obj, metadata: { ...obj.metadata } }, type)
  }

  /**
   * Removes an object as `delete` does and returns the removed object itself (the one its
   * DELETED event carries), read-only; undefined when there was none.
   */
  remove(key: StoreKey): Readonly<KubeObject> | undefined {
    const b = this.bucket(key.storage)
    const k = id(key.namespace, key.name)
    const o = b.get(k)
    if (!o) return undefined
    b.delete(k)
    this.sortedKeys.delete(key.storage)
    this.unindex(key.storage, k, o)
    // A new object, not the stored one: the window's earlier events and peek() readers still hold it.
    const removed = { ...o, metadata: { ...o.metadata, resourceVersion: String(++this.rv) } }
    this.emit({ type: 'DELETED', storage: key.storage, rv: this.rv, object: removed })
    return removed
  }

  /** Removes an object; returns the removed copy, with a new resourceVersion as etcd gives it. */
  delete(key: StoreKey): KubeObject | undefined {
    const removed = this.remove(key)
    return removed && deepCopy(removed)
  }

  /**
   * Subscribes to the events of a storage after `fromRv`: replays the window's events newer than
   * it first. Throws 410 Gone when `fromRv` is older than the window. Returns the unsubscribe.
   * Events carry the stored objects themselves, read-only: a watcher that keeps or changes an
   * object copies it (most watchers filter most events out, so copying up front would be waste).
   */
  watch(storage: string, fromRv: number, fn: StoreListener): () => void {
    this.checkRv(fromRv)
    this.window.forEach((ev) => {
      if (ev.storage === storage && ev.rv > fromRv) fn(ev)
    })
    return this.subscribe((ev) => {
      if (ev.storage === storage && ev.rv > fromRv) fn(ev)
    })
  }

  /** Subscribes to every event as it happens (no replay); returns the unsubscribe. */
  subscribe(fn: StoreListener): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /**
   * Subscribes to the events of one storage as they happen (no replay), with a trigger only to
   * those it selects: a write costs its own watchers, not every watcher of the store. Returns
   * the unsubscribe.
   */
  subscribeTo(storage: string, fn: StoreListener, trigger?: StoreTrigger): () => void {
    let sl = this.storageListeners.get(storage)
    if (!sl) this.storageListeners.set(storage, (sl = { all: new Set(), triggers: new Map() }))
    if (!trigger) {
      const all = sl.all
      all.add(fn)
      return () => all.delete(fn)
    }
    let t = sl.triggers.get(trigger.name)
    if (!t) sl.triggers.set(trigger.name, (t = { of: trigger.of, byValue: new Map() }))
    const byValue = t.byValue
    let set = byValue.get(trigger.value)
    if (!set) byValue.set(trigger.value, (set = new Set()))
    set.add(fn)
    return () => {
      const s = byValue.get(trigger.value)
      s?.delete(fn)
      if (s?.size === 0) byValue.delete(trigger.value)
    }
  }

  /**
   * Returns the first event of `storage` after `rv` from the window, or undefined when there is
   * none yet: watchers read the window at their own pace instead of queueing copies. Throws 410
   * Gone when events after `rv` have already left the window.
   */
  next(storage: string, rv: number): StoreEvent | undefined {
    this.checkRv(rv)
    return this.window.next(storage, rv)
  }

  /** Throws 410 Gone when events after `rv` are no longer in the window. */
  checkRv(rv: number): void {
    const oldest = this.window.oldestRv() ?? this.rv + 1
    if (rv > 0 && rv < oldest - 1 && rv < this.rv) {
      throw gone(`too old resource version: ${rv} (${oldest - 1})`)
    }
  }

  /** Yields every stored object with its storage, read-only (a snapshot reads them). */
  *entries(): Generator<[string, Readonly<KubeObject>]> {
    for (const [storage, b] of this.data) for (const o of b.values()) yield [storage, o]
  }

  /**
   * Replaces the whole contents with `objects` as they are (resourceVersions kept) and sets the
   * counter to `rv`, emitting no events and emptying the window: a watch from `rv` sees what
   * follows (restoring a snapshot).
   */
  load(objects: Iterable<[string, KubeObject]>, rv: number): void {
    this.data.clear()
    this.sortedKeys.clear()
    this.labelIndex.clear()
    this.window.clear()
    for (const [storage, o] of objects) {
      const k = id(o.metadata.namespace ?? '', o.metadata.name ?? '')
      const stored = deepCopy(o)
      this.bucket(storage).set(k, stored)
      this.index(storage, k, stored)
    }
    this.rv = rv
  }

  private write(storage: string, obj: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    return deepCopy(this.put(storage, deepCopy(obj), type))
  }

  /** Stores `stored` (a fresh object nobody else changes) under a new resourceVersion. */
  private put(storage: string, stored: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    stored.metadata.resourceVersion = String(++this.rv)
    const b = this.bucket(storage)
    const k = id(stored.metadata.namespace ?? '', stored.metadata.name ?? '')
    const old = b.get(k)
    if (!old) this.sortedKeys.delete(storage)
    b.set(k, stored)
    if (old) this.unindex(storage, k, old)
    this.index(storage, k, stored)
    this.emit(
      old && type === 'MODIFIED'
        ? { type, storage, rv: this.rv, object: stored, old }
        : { type, storage, rv: this.rv, object: stored }
    )
    return stored
  }

  /**
   * Runs the writes of `fn` (synchronous) on behalf of `by`, which their events carry: who made
   * each write, for the lab's event journal, without tracking requests through async calls.
   */
  writing<T>(by: string, fn: () => T): T {
    const outer = this.writer
    this.writer = by
    try {
      return fn()
    } finally {
      this.writer = outer
    }
  }

  private emit(ev: StoreEvent): void {
    if (this.writer !== undefined) ev.by = this.writer
    this.window.push(ev, this.now())
    for (const l of this.listeners) l(ev)
    const sl = this.storageListeners.get(ev.storage)
    if (!sl) return
    for (const l of sl.all) l(ev)
    for (const t of sl.triggers.values()) {
      const now = t.of(ev.object)
      const before = ev.old && t.of(ev.old)
      const a = t.byValue.get(now)
      const b = before !== undefined && before !== now ? t.byValue.get(before) : undefined
      if (a) for (const l of a) l(ev)
      if (b) for (const l of b) l(ev)
    }
  }

  private index(storage: string, k: string, o: KubeObject): void {
    let byLabel = this.labelIndex.get(storage)
    if (!byLabel) this.labelIndex.set(storage, (byLabel = new Map()))
    for (const [name, value] of Object.entries(o.metadata.labels ?? {})) {
      const l = labelId(name, value)
      let ids = byLabel.get(l)
      if (!ids) byLabel.set(l, (ids = new Set()))
      ids.add(k)
    }
  }

  private unindex(storage: string, k: string, o: KubeObject): void {
    const byLabel = this.labelIndex.get(storage)
    for (const [name, value] of Object.entries(o.metadata.labels ?? {})) {
      const l = labelId(name, value)
      const ids = byLabel?.get(l)
      ids?.delete(k)
      if (ids?.size === 0) byLabel!.delete(l)
    }
  }

  private bucket(storage: string): Map<string, KubeObject> {
    let b = this.data.get(storage)
    if (!b) this.data.set(storage, (b = new Map()))
    return b
  }
}

function labelId(name: string, value: string): string {
  // '=' cannot occur in a label name, so the pair reads back unambiguously.
  return `${name}=${value}`
}

function id(namespace: string, name: string): string {
  return `${namespace}/${name}`
}
