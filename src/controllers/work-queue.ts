import type { Clock } from '../util/index.js'

/** Retry timing of a WorkQueue (simulated milliseconds). */
export interface WorkQueueOptions {
  /** First retry delay after a failure. */
  baseDelayMs?: number
  /** Longest retry delay. */
  maxDelayMs?: number
}

/**
 * A work queue of object keys as client-go's rate-limited workqueue behaves: a key is queued at
 * most once, is never handed to two workers at once (a key added while it is being processed is
 * queued again when `done`), delayed adds keep the earliest time, and failed keys are retried
 * with a per-key exponential back-off until `forget`.
 */
export class WorkQueue {
  private clock: Clock
  private base: number
  private max: number
  private queue: string[] = []
  private dirty = new Set<string>()
  private processing = new Set<string>()
  private waiters: ((key: string | undefined) => void)[] = []
  private delayed = new Map<string, { at: number; cancel: () => void }>()
  private failures = new Map<string, number>()
  private cooling = new Map<string, number>()
  private closed = false

  constructor(clock: Clock, o: WorkQueueOptions = {}) {
    this.clock = clock
    this.base = o.baseDelayMs ?? 5
    this.max = o.maxDelayMs ?? 30_000
  }

  /** Queues a key unless it is already waiting (a cooling key: once its cool-down ends). */
  add(key: string): void {
    if (this.closed || this.dirty.has(key)) return
    const until = this.cooling.get(key)
    if (until !== undefined) {
      const left = until - performance.now()
      if (left > 0 && this.clock.timeFactor > 0)
        return this.addAfter(key, Math.ceil(left / this.clock.timeFactor))
      this.cooling.delete(key)
    }
    this.dirty.add(key)
    if (this.processing.has(key)) return
    const w = this.waiters.shift()
    if (w) {
      this.dirty.delete(key)
      this.processing.add(key)
      w(key)
    } else this.queue.push(key)
  }

  /** Queues a key after `ms` simulated milliseconds (an earlier pending add wins). */
  addAfter(key: string, ms: number): void {
    if (this.closed) return
    if (ms <= 0) return this.add(key)
    const at = this.clock.simMs() + ms
    const pending = this.delayed.get(key)
    if (pending && pending.at <= at) return
    pending?.cancel()
    const cancel = this.clock.after(ms, () => {
      this.delayed.delete(key)
      this.add(key)
    })
    this.delayed.set(key, { at, cancel })
  }

  /** Queues a key after its back-off delay, which doubles with each failure. */
  addRateLimited(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1
    this.failures.set(key, n)
    this.addAfter(key, Math.min(this.max, this.base * 2 ** Math.min(n - 1, 30)))
  }

  /**
   * Holds a key back for `realMs` of wall-clock time: adds meanwhile take effect when it ends. A
   * controller cools a key whose reconcile took long (an owner of thousands of pods), so that its
   * events are folded into fewer reconciles rather than one each.
   */
  coolDown(key: string, realMs: number): void {
    if (realMs > 0) this.cooling.set(key, performance.now() + realMs)
  }

  /** Clears a key's failure count. */
  forget(key: string): void {
    this.failures.delete(key)
  }

  /** Returns how many times a key has been retried since it was last forgotten. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0
  }

  /** Resolves with the next key (marked as processing), or undefined once shut down. */
  get(): Promise<string | undefined> {
    if (this.closed) return Promise.resolve(undefined)
    const key = this.queue.shift()
    if (key !== undefined) {
      this.dirty.delete(key)
      this.processing.add(key)
      return Promise.resolve(key)
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Marks a key as processed; queues it again if it was added meanwhile. */
  done(key: string): void {
    this.processing.delete(key)
    if (this.dirty.has(key)) {
      this.dirty.delete(key)
      this.add(key)
    }
  }

  /** Returns the number of keys waiting. */
  get length(): number {
    return this.queue.length
  }

  /** Stops the queue: pending timers are cancelled and waiting workers get undefined. */
  shutDown(): void {
    this.closed = true
    for (const d of this.delayed.values()) d.cancel()
    this.delayed.clear()
    for (const w of this.waiters.splice(0)) w(undefined)
    this.queue = []
  }
}
