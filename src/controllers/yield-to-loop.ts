/** The most time components spend (real ms) before they let the event loop take a turn. */
export const YIELD_BUDGET_MS = 4

let turnStart = performance.now()
let marking = false

/** Callers waiting for a turn of the loop, first come first served (`head` is the next one). */
const waiting: (() => void)[] = []
let head = 0
let draining = false

/**
 * Whether a caller went on and its work has not settled yet: that work (a chain of in-process
 * API calls) runs in the microtasks after it, and the next caller goes on only once they have
 * all run. Letting several go at once because the clock said it was early would let each run its
 * whole chain in the one turn, however long they take together: the budget is checked when a
 * caller asks, not when its work ends.
 */
let running = false

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
 * Calls `onSettled` once the microtasks queued so far and all those they queue have run: Node
 * runs the next-tick queue only when V8's microtask queue is empty, and this tick is queued from
 * a microtask, after the caller's continuation.
 */
function whenSettled(): void {
  queueMicrotask(() => process.nextTick(onSettled))
}

/** The caller that went on is done or waits for I/O: the next one goes on while the turn lasts. */
function onSettled(): void {
  running = false
  if (head === waiting.length) return
  if (performance.now() - turnStart < YIELD_BUDGET_MS) release()
  else scheduleDrain()
}

/** Lets the next waiting caller go on. */
function release(): void {
  running = true
  waiting[head++]!()
  whenSettled()
  if (head === waiting.length) waiting.length = head = 0
  else if (head > 1024) {
    waiting.splice(0, head)
    head = 0
  }
}

function scheduleDrain(): void {
  if (draining) return
  draining = true
  setImmediate(drain)
}

/**
 * A turn of the loop for the waiting callers: the first goes on, each next one once the work of
 * the one before has settled, for YIELD_BUDGET_MS; those left wait for the next turn. One
 * immediate per turn, however many wait: thousands of callers each queueing its own would all be
 * run in the one check phase (Node runs every immediate queued before it).
 */
function drain(): void {
  draining = false
  turnStart = performance.now()
  if (head === waiting.length) return
  if (running) scheduleDrain()
  else release()
}

/**
 * Resolves at once while the event loop had a turn less than YIELD_BUDGET_MS ago and nobody
 * else's work is under way or waits, otherwise after the loop took a turn: timers, sockets and
 * the API server's own requests then run before the caller goes on. Components living in the API
 * server's process call it between units of work, since a chain of promises that never waits for
 * I/O would otherwise hold the loop as long as work keeps coming. Waiting callers go on in
 * order, one after the other.
 */
export function yieldToLoop(): Promise<void> {
  markTurn()
  if (!running && head === waiting.length && performance.now() - turnStart < YIELD_BUDGET_MS) {
    running = true
    whenSettled()
    return Promise.resolve()
  }
  return new Promise<void>((resolve) => {
    waiting.push(resolve)
    if (!running) scheduleDrain()
  })
}
