import type { KubeObject } from '../../api/types.js'

/** A change to a stored object, as watchers see it. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED'
  storage: string
  rv: number
  object: KubeObject
  /** The object before a MODIFIED event, so watchers can tell when it leaves their selector. */
  old?: KubeObject
  /** Who made the write (the request's field manager; `kube-apiserver` for its own writes). */
  by?: string
  /** Estimated size of the object in bytes (its JSON length, roughly). */
  size?: number
  /** When the event entered the window (ms since the epoch). */
  at?: number
  /** The window's totalBytes once this event was added (where a watcher that sent it stands). */
  offset?: number
  /** This event's wire encodings, made once and shared by every watcher (see EventWindow.encode). */
  encoded?: Map<string, Buffer>
}

/** Limits of an EventWindow. */
export interface EventWindowLimits {
  /** Most events kept. */
  events: number
  /** Most bytes of objects kept (estimated); the oldest events leave first. */
  bytes: number
  /** Most bytes of cached encodings kept across all events; the oldest caches are dropped first. */
  encodedBytes: number
  /**
   * Events older than this (ms) leave the window once more than `keepEvents` newer ones follow
   * them, so that a burst of writes (20,000 ConfigMaps created and deleted) does not pin its
   * objects for good; kube-apiserver's watch cache is far smaller still (100 events per resource).
   */
  maxAgeMs?: number
  /** How many of the newest events stay whatever their age (default 1,000). */
  keepEvents?: number
}

/**
 * The store's recent events, oldest first, bounded by count and by bytes, as kube-apiserver's
 * watch cache is bounded: watchers read it by resourceVersion instead of queueing their own
 * copies, and each event's encoding is made once and shared.
 */
export class EventWindow {
  private events: StoreEvent[] = []
  private head = 0
  private bytes = 0
  private cachedBytes = 0
  /** Where the next search for encodings to drop starts (every event before it has none). */
  private scan = 0
  private limits: EventWindowLimits
  /** Bytes of every event ever added (a watcher's lag is this minus its event's offset). */
  totalBytes = 0
  /** How many times an encoding was made (not taken from the cache): for tests and the bench. */
  encodings = 0

  constructor(limits: EventWindowLimits) {
    this.limits = limits
  }

  /** Forgets every event (a store restored from a snapshot starts with an empty window). */
  clear(): void {
    this.events = []
    this.head = 0
    this.bytes = 0
    this.cachedBytes = 0
    this.scan = 0
  }

  /** Returns how many events the window holds. */
  get length(): number {
    return this.events.length - this.head
  }

  /** Returns the estimated bytes of the objects the window holds. */
  get heldBytes(): number {
    return this.bytes
  }

  /** Returns the bytes of cached encodings. */
  get encodedBytes(): number {
    return this.cachedBytes
  }

  /** Returns the resourceVersion of the oldest event, or undefined when empty. */
  oldestRv(): number | undefined {
    return this.events[this.head]?.rv
  }

  /** Appends an event and drops the oldest ones beyond the limits (always keeps the newest). */
  push(ev: StoreEvent, now = Date.now()): void {
    ev.size ??= sizeOf(ev.object)
    ev.at = now
    this.totalBytes += ev.size
    ev.offset = this.totalBytes
    this.events.push(ev)
    this.bytes += ev.size
    const maxAge = this.limits.maxAgeMs ?? Infinity
    const keep = Math.max(1, this.limits.keepEvents ?? 1000)
    while (
      this.length > 1 &&
      (this.length > this.limits.events ||
        this.bytes > this.limits.bytes ||
        (this.length > keep && now - (this.events[this.head]!.at ?? now) > maxAge))
    ) {
      const gone = this.events[this.head]!
      this.events[this.head++] = undefined as unknown as StoreEvent
      this.bytes -= gone.size ?? 0
      this.uncache(gone)
    }
    // Compact now and then: shifting on every write would copy the array each time, and a dead
    // prefix longer than the live part would keep its slots' memory.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head)
      this.scan = Math.max(0, this.scan - this.head)
      this.head = 0
    }
  }

  /** Returns the first event of `storage` newer than `rv`, or undefined when there is none yet. */
  next(storage: string, rv: number): StoreEvent | undefined {
    for (let i = this.indexAfter(rv); i < this.events.length; i++) {
      const ev = this.events[i]!
      if (ev.storage === storage) return ev
    }
    return undefined
  }

  /** Calls fn for every event in the window, oldest first. */
  forEach(fn: (ev: StoreEvent) => void): void {
    for (let i = this.head; i < this.events.length; i++) fn(this.events[i]!)
  }

  /**
   * Returns the event's encoding under `key`, made by `make` only the first time: every watcher
   * of the same version and event type shares one Buffer. Cached bytes are bounded.
   */
  encode(ev: StoreEvent, key: string, make: () => Buffer): Buffer {
    const hit = ev.encoded?.get(key)
    if (hit) return hit
    const b = make()
    this.encodings++
    ev.encoded ??= new Map()
    ev.encoded.set(key, b)
    this.cachedBytes += b.length
    // Drop the oldest events' encodings first (a replay that starts over makes them again).
    const at = this.indexAfter(ev.rv - 1)
    if (at < this.scan) this.scan = at
    this.scan = Math.max(this.scan, this.head)
    while (this.cachedBytes > this.limits.encodedBytes && this.scan < this.events.length) {
      const old = this.events[this.scan]!
      if (old === ev) break
      this.uncache(old)
      this.scan++
    }
    return b
  }

  private uncache(ev: StoreEvent): void {
    if (!ev.encoded) return
    for (const b of ev.encoded.values()) this.cachedBytes -= b.length
    ev.encoded = undefined
  }

  /** Returns the index of the first event newer than rv (binary search: rvs only grow). */
  private indexAfter(rv: number): number {
    let lo = this.head
    let hi = this.events.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.events[mid]!.rv <= rv) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** Returns an estimate of an object's JSON size in bytes, walking it without allocating. */
export function sizeOf(v: unknown): number {
  if (typeof v === 'string') return v.length + 2
  if (typeof v !== 'object' || v === null) return 8
  let n = 2
  if (Array.isArray(v)) {
    for (const x of v) n += sizeOf(x) + 1
    return n
  }
  for (const k in v) n += k.length + 4 + sizeOf((v as Record<string, unknown>)[k])
  return n
}
