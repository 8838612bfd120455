import type { CircuitBreakers } from '../pilot/index.js'

/** A granted slot of the pool; `release` frees it (idempotent). */
export interface PoolLease {
  release(): void
}

/** Counters of a pool, named after Envoy's cluster stats. */
export interface PoolStats {
  upstream_rq_total: number
  upstream_rq_pending_total: number
  upstream_rq_pending_overflow: number
  upstream_cx_overflow: number
  upstream_rq_retry: number
  upstream_rq_retry_overflow: number
}

/**
 * One cluster's HTTP/1.1 connection pool and circuit breakers in one proxy: a request takes a
 * connection while fewer than `maxConnections` are busy, else waits in the pending queue while
 * it holds fewer than `maxPendingRequests`, else overflows (Envoy: 503, `x-envoy-overloaded`,
 * UO); `maxRequests` caps the requests in flight; `maxRetries` caps concurrent retries.
 */
export class ConnectionPool {
  private busy = 0
  private queue: { grant: () => void }[] = []
  private retries = 0
  readonly stats: PoolStats = {
    upstream_rq_total: 0,
    upstream_rq_pending_total: 0,
    upstream_rq_pending_overflow: 0,
    upstream_cx_overflow: 0,
    upstream_rq_retry: 0,
    upstream_rq_retry_overflow: 0,
  }

  limits: CircuitBreakers

  constructor(limits: CircuitBreakers) {
    this.limits = limits
  }

  /** Returns busy connections and pending requests. */
  get load(): { active: number; pending: number } {
    return { active: this.busy, pending: this.queue.length }
  }

  /**
   * Asks for a connection: `overflow` at once, or a lease that resolves when a connection is
   * free (`cancel` drops a waiting request, e.g. on timeout).
   */
  acquire(): 'overflow' | PoolSlot {
    this.stats.upstream_rq_total++
    if (this.busy >= this.limits.maxRequests) {
      this.stats.upstream_rq_pending_overflow++
      return 'overflow'
    }
    if (this.busy < this.limits.maxConnections) {
      this.busy++
      return new GrantedSlot(this.lease())
    }
    this.stats.upstream_cx_overflow++
    if (this.queue.length >= this.limits.maxPendingRequests) {
      this.stats.upstream_rq_pending_overflow++
      return 'overflow'
    }
    this.stats.upstream_rq_pending_total++
    let entry!: { grant: () => void }
    const lease = new Promise<PoolLease>((resolve) => {
      entry = { grant: () => resolve(this.lease()) }
    })
    this.queue.push(entry)
    return {
      lease,
      cancel: () => {
        const i = this.queue.indexOf(entry)
        if (i >= 0) this.queue.splice(i, 1)
      },
    }
  }

  /** Takes a retry slot; false when `maxRetries` retries are already running (retry overflow). */
  tryRetry(): boolean {
    if (this.retries >= this.limits.maxRetries) {
      this.stats.upstream_rq_retry_overflow++
      return false
    }
    this.retries++
    this.stats.upstream_rq_retry++
    return true
  }

  /** Gives a retry slot back. */
  retryDone(): void {
    this.retries = Math.max(0, this.retries - 1)
  }

  private lease(): PoolLease {
    return new Lease(this)
  }

  /** Hands a freed connection to the oldest pending request, or marks it idle. */
  freed(): void {
    const next = this.queue.shift()
    // The freed connection goes straight to the oldest pending request.
    if (next) next.grant()
    else this.busy--
  }
}

class Lease implements PoolLease {
  private done = false
  private readonly pool: ConnectionPool

  constructor(pool: ConnectionPool) {
    this.pool = pool
  }

  release(): void {
    if (this.done) return
    this.done = true
    this.pool.freed()
  }
}

/** A request's place in the pool: the lease (now or once a connection frees up), and its cancel. */
export interface PoolSlot {
  lease: Promise<PoolLease>
  /** The lease when a connection was free at once (no need to wait for `lease`). */
  now?: PoolLease
  cancel(): void
}

class GrantedSlot implements PoolSlot {
  readonly now: PoolLease

  constructor(lease: PoolLease) {
    this.now = lease
  }

  get lease(): Promise<PoolLease> {
    return Promise.resolve(this.now)
  }

  cancel(): void {}
}
