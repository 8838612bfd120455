import { NetError, NetErrorCodes } from './types.js'

// One pending deadline: it rejects its request with ETIMEDOUT unless the request settled first.
// (Methods and bound functions, not closures: a request's timeout allocates little.)
class Deadline<T> {
  done = false
  readonly at: number
  private readonly ms: number
  private readonly what: string
  private readonly queue: DeadlineQueue
  private readonly resolve: (v: T) => void
  private readonly reject: (err: unknown) => void

  constructor(ms: number, what: string, queue: DeadlineQueue) {
    this.at = performance.now() + ms
    this.ms = ms
    this.what = what
    this.queue = queue
    this.resolve = captured.resolve as (v: T) => void
    this.reject = captured.reject
  }

  fire(): void {
    this.reject(new NetError(NetErrorCodes.timedOut, `${this.what} timed out after ${this.ms} ms`))
  }

  value(v: T): void {
    if (this.done) return
    this.done = true
    settled(this.queue)
    this.resolve(v)
  }

  error(err: unknown): void {
    if (this.done) return
    this.done = true
    settled(this.queue)
    this.reject(err)
  }
}

// The executor of the wrapping promise hands its resolvers over through here.
const captured: { resolve: (v: unknown) => void; reject: (err: unknown) => void } = {
  resolve: () => undefined,
  reject: () => undefined,
}
function capture(resolve: (v: unknown) => void, reject: (err: unknown) => void): void {
  captured.resolve = resolve
  captured.reject = reject
}

// The requests waiting with the same timeout, in the order their deadlines fall (a request
// started later ends later), and the one timer armed for the earliest.
interface DeadlineQueue {
  items: Deadline<unknown>[]
  head: number
  /** Deadlines neither fired nor settled. */
  pending: number
  timer: NodeJS.Timeout | undefined
}

// Timeouts in use, by length in ms: a request adds itself to its queue instead of arming a timer
// of its own (bounded: apps use a handful of lengths).
const queues = new Map<number, DeadlineQueue>()

// Fires the queue's expired deadlines and arms its timer for the next one still pending.
function expire(ms: number, q: DeadlineQueue): void {
  q.timer = undefined
  const now = performance.now()
  while (q.head < q.items.length) {
    const d = q.items[q.head]!
    if (!d.done && d.at > now) break
    q.head++
    if (!d.done) {
      d.done = true
      q.pending--
      d.fire()
    }
  }
  if (q.head === q.items.length) {
    q.items = []
    q.head = 0
    queues.delete(ms)
    return
  }
  if (q.head > 1024 && q.head * 2 > q.items.length) {
    q.items = q.items.slice(q.head)
    q.head = 0
  }
  arm(ms, q)
}

function arm(ms: number, q: DeadlineQueue): void {
  const next = q.items[q.head]!
  q.timer = setTimeout(() => expire(ms, q), Math.max(0, next.at - performance.now()))
}

// A request settled before its deadline: with none left pending, the queue forgets its settled
// deadlines and its timer stops holding the process open (it would keep it alive for nothing, as
// a cleared per-request timer would not); the timer stays armed, unreferenced, for the next
// request to take up again instead of arming one of its own (one timer per lone request was a
// third of a span POST's cost).
function settled(q: DeadlineQueue): void {
  if (--q.pending > 0) return
  q.items = []
  q.head = 0
  q.timer?.unref()
}

/**
 * Returns `p`, or rejects with NetError(ETIMEDOUT) once `ms` wall-clock milliseconds passed.
 * Requests with the same timeout share one timer (armed for the earliest pending deadline).
 */
export function withTimeout<T>(p: Promise<T>, ms: number | undefined, what: string): Promise<T> {
  if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) return p
  let q = queues.get(ms)
  if (!q) queues.set(ms, (q = { items: [], head: 0, pending: 0, timer: undefined }))
  const out = new Promise<T>(
    capture as (resolve: (v: T) => void, reject: (err: unknown) => void) => void
  )
  const d = new Deadline<T>(ms, what, q)
  q.items.push(d as Deadline<unknown>)
  q.pending++
  // A timer left armed by requests that all settled fires at or before this deadline and arms
  // itself for the next one.
  if (!q.timer) arm(ms, q)
  else if (q.pending === 1) q.timer.ref()
  p.then(d.value.bind(d), d.error.bind(d))
  return out
}
