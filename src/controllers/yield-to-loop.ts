/** The most time components spend (real ms) before they let the event loop take a turn. */
export const YIELD_BUDGET_MS = 4

let turnStart = performance.now()
let marking = false

/** Callers waiting for a turn of the loop, first come first served (`head` is the next one). */
const waiting: (() => void)[] = []
let head = 0
let draining = false

/** Notes the time when the loop next reaches its check phase (a turn went by). */
function markTurn(): void {
  if (marking) return
  marking = true
  setImmediate(() => {
    marking = false
    turnStart = performance.now()
  })
}

/**
 * Lets the waiting callers go on, in order, for YIELD_BUDGET_MS of this turn: each is released
 * once the one before has run up to its next wait, and those left wait for the next turn. One
 * immediate per turn, however many wait: thousands of callers each queueing its own would all be
 * run in the one check phase (Node runs every immediate queued before it), and each re-queued.
 */
function drain(): void {
  const start = performance.now()
  turnStart = start
  const next = () => {
    if (head === waiting.length) {
      waiting.length = head = 0
      draining = false
      return
    }
    if (performance.now() - start >= YIELD_BUDGET_MS) {
      if (head > 1024) {
        waiting.splice(0, head)
        head = 0
      }
      setImmediate(drain)
      return
    }
    waiting[head++]!()
    queueMicrotask(next)
  }
  next()
}

/**
 * Resolves at once while the event loop had a turn less than YIELD_BUDGET_MS ago (and nobody
 * waits), otherwise after the loop took one: timers, sockets and the API server's own requests
 * then run before the caller goes on. Components living in the API server's process call it
 * between units of work, since a chain of promises that never waits for I/O would otherwise
 * hold the loop as long as work keeps coming.
 */
export function yieldToLoop(): Promise<void> {
  markTurn()
  if (head === waiting.length && performance.now() - turnStart < YIELD_BUDGET_MS)
    return Promise.resolve()
  return new Promise<void>((resolve) => {
    waiting.push(resolve)
    if (!draining) {
      draining = true
      setImmediate(drain)
    }
  })
}
