import type { Clock } from '../util/index.js'

/** The kubelet's container restart back-off: 10 s doubling to 5 min (kubelet.go backOffPeriod, MaxContainerBackOff). */
export const CONTAINER_BACKOFF = { initialMs: 10_000, maxMs: 300_000 } as const

/** The kubelet's image pull back-off: also 10 s doubling to 5 min. */
export const IMAGE_BACKOFF = { initialMs: 10_000, maxMs: 300_000 } as const

/**
 * A per-key exponential back-off like client-go's flowcontrol.Backoff: `next()` starts at the
 * initial duration and doubles up to the maximum; an entry idle for twice the maximum is forgotten.
 */
export class Backoff {
  private entries = new Map<string, { durationMs: number; lastUpdate: number }>()
  private clock: Clock
  private initialMs: number
  private maxMs: number

  constructor(clock: Clock, limits: { initialMs: number; maxMs: number }) {
    this.clock = clock
    this.initialMs = limits.initialMs
    this.maxMs = limits.maxMs
  }

  /** Records one more failure of `key` and returns its new back-off duration. */
  next(key: string): number {
    const now = this.clock.simMs()
    const e = this.live(key, now)
    const durationMs = e ? Math.min(e.durationMs * 2, this.maxMs) : this.initialMs
    this.entries.set(key, { durationMs, lastUpdate: now })
    return durationMs
  }

  /** Returns the current back-off duration of `key`, or 0 when it has none. */
  current(key: string): number {
    return this.live(key, this.clock.simMs())?.durationMs ?? 0
  }

  /** Returns true while `key` is backing off from an event at `since` (ms). */
  inBackoffSince(key: string, since: number): boolean {
    const e = this.live(key, this.clock.simMs())
    return e !== undefined && this.clock.simMs() - since < e.durationMs
  }

  /** Forgets a key. */
  reset(key: string): void {
    this.entries.delete(key)
  }

  private live(key: string, now: number) {
    const e = this.entries.get(key)
    if (e && now - e.lastUpdate > 2 * this.maxMs) {
      this.entries.delete(key)
      return undefined
    }
    return e
  }
}
