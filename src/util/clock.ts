/**
 * Time as the lab's components see it. In a scaled clock simulated time runs 1/timeFactor as
 * fast as the wall clock, from the moment the clock was made: `now` and every delay are in
 * simulated time, so a component may compare a timestamp it or another component wrote with
 * `now` and a simulated duration (probe periods, back-offs, grace periods) and be right.
 */
export interface Clock {
  /** Returns the current time. */
  now(): Date
  /** Runs `fn` after `ms` simulated milliseconds; returns a cancel function. */
  after(ms: number, fn: () => void): () => void
  /** Resolves after `ms` simulated milliseconds (or at once when the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** Real milliseconds per simulated millisecond (1 = real time). */
  readonly timeFactor: number
}

/**
 * Creates a clock whose delays take `timeFactor` times their simulated length (0.01 makes a 10 s
 * probe period take 100 ms) and whose `now` advances 1/timeFactor as fast as the wall clock,
 * starting at the wall clock's time. Timers are unref'd so they never keep a process alive.
 */
export function scaledClock(timeFactor: number, wall: () => number = Date.now): Clock {
  const start = wall()
  const now = () => new Date(start + (wall() - start) / timeFactor)
  const after = (ms: number, fn: () => void) => {
    const t = setTimeout(fn, Math.max(0, ms * timeFactor))
    t.unref?.()
    return () => clearTimeout(t)
  }
  return {
    now,
    after,
    timeFactor,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve()
        const cancel = after(ms, resolve)
        signal?.addEventListener('abort', () => (cancel(), resolve()), { once: true })
      }),
  }
}

/** A clock for tests: time moves only when `advance` is called. */
export interface FakeClock extends Clock {
  /** Moves time forward, running due timers in order. */
  advance(ms: number): void
}

/** Creates a fake clock starting at `start`. */
export function fakeClock(start = new Date('2018-11-24T00:00:00Z')): FakeClock {
  let t = start.getTime()
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const after = (ms: number, fn: () => void) => {
    const id = ++seq
    timers.set(id, { at: t + Math.max(0, ms), fn })
    return () => void timers.delete(id)
  }
  return {
    now: () => new Date(t),
    after,
    timeFactor: 1,
    sleep: (ms) => new Promise<void>((resolve) => after(ms, resolve)),
    advance(ms) {
      const end = t + ms
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, v]) => v.at <= end)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0]
        if (!due) break
        timers.delete(due[0])
        t = due[1].at
        due[1].fn()
      }
      t = end
    },
  }
}
