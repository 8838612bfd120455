/** The most time components spend (real ms) before they let the event loop take a turn. */
export const YIELD_BUDGET_MS = 4

let turnStart = performance.now()
let marking = false

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
 * Resolves at once while the event loop had a turn less than YIELD_BUDGET_MS ago, otherwise after
 * the loop took one (setImmediate): timers, sockets and the API server's own requests then run
 * before the caller goes on. Components living in the API server's process call it between units
 * of work, since a chain of promises that never waits for I/O would otherwise hold the loop for as
 * long as work keeps coming.
 */
export async function yieldToLoop(): Promise<void> {
  markTurn()
  if (performance.now() - turnStart < YIELD_BUDGET_MS) return
  await new Promise<void>((resolve) => setImmediate(resolve))
}
