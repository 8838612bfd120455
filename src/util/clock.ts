/**
 * Time as the lab's components see it. Two scales:
 * - `now()` is the wall clock. Every timestamp the lab writes (creation, conditions, events,
 *   container states, heartbeats, token expiry) comes from it, so ages in any client are right.
 * - Emulated waits (image pulls, probe delays, back-offs, grace periods) are simulated durations,
 *   shortened by `timeFactor`: `after`/`sleep` take simulated ms, `simMs()` reads a simulated
 *   monotone time to measure them against, and `elapsed(t)` says how many simulated ms passed
 *   since a wall-clock timestamp (so "ready for minReadySeconds" holds at a time factor too).
 */
export interface Clock {
  /** Returns the wall-clock time: what every written timestamp says. */
  now(): Date
  /** Returns simulated milliseconds on a monotone scale: differences are simulated durations. */
  simMs(): number
  /** Returns the simulated ms since a wall-clock instant (a Date, epoch ms or RFC 3339 text; NaN when unparsable). */
  elapsed(since: Date | number | string): number
  /** Runs `fn` after `ms` simulated milliseconds; returns a cancel function. */
  after(ms: number, fn: () => void): () => void
  /** Resolves after `ms` simulated milliseconds (or at once when the signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** Real milliseconds per simulated millisecond (1 = real time). */
  readonly timeFactor: number
}

/**
 * Returns a clock's `sleep` built on its `after`: it resolves when the timer fires, or at once
 * when the signal aborts. The abort listener goes when the timer fires: a long-lived signal (an
 * informer's) would otherwise gather one per sleep.
 */
export function sleepVia(
  after: (ms: number, fn: () => void) => () => void
): (ms: number, signal?: AbortSignal) => Promise<void> {
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const onAbort = () => (cancel(), resolve())
      const cancel = after(ms, () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      })
      signal?.addEventListener('abort', onAbort, { once: true })
    })
}

/** Returns an instant as epoch ms (NaN when it does not parse). */
function epochMs(t: Date | number | string): number {
  return typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime()
}

/**
 * Creates a clock whose delays take `timeFactor` times their simulated length (0.01 makes a 10 s
 * probe period take 100 ms) and whose `now` is the wall clock; `simMs` advances 1/timeFactor as
 * fast as the wall clock. Timers are unref'd so they never keep a process alive.
 */
export function scaledClock(timeFactor: number, wall: () => number = Date.now): Clock {
  const start = wall()
  const after = (ms: number, fn: () => void) => {
    const t = setTimeout(fn, Math.max(0, ms * timeFactor))
    t.unref?.()
    return () => clearTimeout(t)
  }
  return {
    now: () => new Date(wall()),
    simMs: () => start + (wall() - start) / timeFactor,
    elapsed: (since) => {
      const t = epochMs(since)
      // Timestamps are written in whole seconds, and below factor 1 one real second is many
      // simulated ones: a whole-second instant counts from the end of its second, so that a wait
      // measured from it (minReadySeconds, tolerationSeconds) never ends early.
      const from = timeFactor < 1 && t % 1000 === 0 ? t + 999 : t
      return (wall() - from) / timeFactor
    },
    after,
    timeFactor,
    sleep: sleepVia(after),
  }
}

/** A clock for tests: time moves only when `advance` is called. */
export interface FakeClock extends Clock {
  /** Moves time forward, running due timers in order. */
  advance(ms: number): void
}

/** Creates a fake clock starting at `start` (time factor 1: wall and simulated time are one). */
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
    simMs: () => t,
    elapsed: (since) => t - epochMs(since),
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
