import type { Clock } from '../../util/index.js'

/**
 * The `memquota` adapter's store: per quota and dimension set, a rolling window of
 * `validDuration` holding at most `maxAmount` units. Time comes from the injected clock.
 */
export class MemQuota {
  private windows = new Map<string, number[]>()
  private clock: Clock

  constructor(clock: Clock) {
    this.clock = clock
  }

  /** Takes `amount` units from a key's window; false when that would exceed `max`. */
  allocate(key: string, amount: number, max: number, windowMs: number): boolean {
    const now = this.clock.now().getTime()
    const list = (this.windows.get(key) ?? []).filter((t) => now - t < windowMs)
    if (list.length + amount > max) {
      this.windows.set(key, list)
      return false
    }
    for (let i = 0; i < amount; i++) list.push(now)
    this.windows.set(key, list)
    return true
  }
}
