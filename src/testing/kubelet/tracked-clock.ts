import { sleepVia, type FakeClock } from '../../util/index.js'

/** A fake clock that also knows when its next timer is due, so a test can jump from timer to timer. */
export interface TrackedClock extends FakeClock {
  /** Returns the simulated ms at which the earliest pending timer fires, or undefined with none. */
  nextDueMs(): number | undefined
}

/**
 * Wraps a fake clock so that every timer set through it is known: `nextDueMs()` lets an
 * event-driven test advance straight to the next instant anything happens, instead of in fixed
 * steps that would fold several instants into one.
 */
export function trackedClock(inner: FakeClock): TrackedClock {
  const due = new Map<number, number>()
  let seq = 0
  const after = (ms: number, fn: () => void) => {
    const id = ++seq
    due.set(id, inner.simMs() + Math.max(0, ms))
    const cancel = inner.after(ms, () => {
      due.delete(id)
      fn()
    })
    return () => {
      due.delete(id)
      cancel()
    }
  }
  return {
    now: () => inner.now(),
    simMs: () => inner.simMs(),
    elapsed: (since) => inner.elapsed(since),
    timeFactor: inner.timeFactor,
    after,
    sleep: sleepVia(after),
    advance: (ms) => inner.advance(ms),
    nextDueMs: () => (due.size === 0 ? undefined : Math.min(...due.values())),
  }
}
