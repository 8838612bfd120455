/** How much data-plane work one turn of the event loop may do. */
export interface TurnBudget {
  /**
   * Wall-clock ms of queued tasks (each with the promise continuations it queues) one turn of
   * the event loop runs before the rest wait for the next turn; 0 runs one task per turn.
   */
  budgetMs: number
  /** Tasks run per turn at most (the number of pending setImmediate callbacks). */
  maxPerTurn: number
}

/** The budget the NodePorts use unless told otherwise (measured: see docs/nodeport-load.md). */
export const DEFAULT_TURN_BUDGET: TurnBudget = { budgetMs: 1, maxPerTurn: 16 }

/**
 * Runs queued tasks in the event loop's check phase (setImmediate), a bounded amount per turn,
 * so that the sockets of other servers in the same process (the API server's) get a turn of the
 * loop between slices of data-plane work instead of after all of it. Each task runs in its own
 * immediate callback, so the microtasks it queues (the rest of its promise chain) drain before
 * the budget is checked again. Tasks run in FIFO order; none is dropped.
 */
export class TurnScheduler {
  private b: TurnBudget
  private queue: (() => void)[] = []
  private head = 0
  /** The turn whose immediates run now (or ran last). */
  private turn = 0
  private turnStart = 0
  private ranThisTurn = 0
  /** Immediate callbacks scheduled and not yet run. */
  private pending = 0
  private onError: (err: unknown) => void
  private now: () => number

  /**
   * `onError` gets what a task throws, and the queue goes on (default: it is thrown again outside
   * the scheduler, as an uncaught error, as the task's own callback would have); `now` is the
   * clock, in ms.
   */
  constructor(
    b: TurnBudget = DEFAULT_TURN_BUDGET,
    onError: (err: unknown) => void = (err) =>
      setImmediate(() => {
        throw err
      }),
    now: () => number = () => performance.now()
  ) {
    if (!(b.budgetMs >= 0) || !(b.maxPerTurn >= 1))
      throw new Error(
        `turn budget {budgetMs: ${String(b.budgetMs)}, maxPerTurn: ${String(b.maxPerTurn)}} is invalid: budgetMs must be ≥ 0 and maxPerTurn ≥ 1`
      )
    this.b = b
    this.onError = onError
    this.now = now
  }

  /** Tasks waiting for a turn. */
  get waiting(): number {
    return this.queue.length - this.head
  }

  /** Queues a task; it runs in a later turn of the event loop (never synchronously). */
  run(task: () => void): void {
    this.queue.push(task)
    if (this.pending < Math.min(this.waiting, this.b.maxPerTurn)) this.schedule(this.turn + 1)
  }

  private schedule(turn: number): void {
    this.pending++
    setImmediate(() => this.pump(turn))
  }

  private pump(turn: number): void {
    this.pending--
    if (turn !== this.turn) {
      this.turn = turn
      this.turnStart = this.now()
      this.ranThisTurn = 0
    } else if (
      this.ranThisTurn >= this.b.maxPerTurn ||
      this.now() - this.turnStart >= this.b.budgetMs
    ) {
      // Over budget: this slot moves to the next turn (the sockets' turn comes first).
      if (this.waiting > 0) this.schedule(turn + 1)
      return
    }
    const task = this.next()
    if (!task) return
    this.ranThisTurn++
    try {
      task()
    } catch (err) {
      this.onError(err)
    }
    if (this.pending < Math.min(this.waiting, this.b.maxPerTurn)) this.schedule(turn + 1)
  }

  private next(): (() => void) | undefined {
    if (this.head >= this.queue.length) return undefined
    const task = this.queue[this.head]
    this.queue[this.head++] = undefined as unknown as () => void
    // Compacts once the consumed head is large (amortized O(1) per task).
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
    return task
  }
}
