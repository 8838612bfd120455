import { yieldToLoop } from '../controllers/index.js'

/**
 * The scheduler's queue (1.11 PriorityQueue without priorities): an active FIFO of pods to try and
 * an unschedulable set of pods that failed, moved back to active when the cluster changes. A move
 * that happens while a pod is being tried sends that pod straight back to active if it fails.
 */
export class SchedulingQueue {
  private active = new Set<string>() // insertion order: the FIFO
  private unschedulableSet = new Set<string>()
  private worker: (key: string) => Promise<void>
  private running = false
  private started = false
  private stopped = false
  private moves = 0
  private current: { key: string; moves: number } | undefined

  constructor(worker: (key: string) => Promise<void>) {
    this.worker = worker
  }

  /** Queues a pod unless it is queued already (active or unschedulable). */
  add(key: string): void {
    if (this.active.has(key) || this.unschedulableSet.has(key)) return
    this.active.add(key)
    this.kick()
  }

  /** Queues a pod for a new try, also when it was unschedulable (its spec changed). */
  activate(key: string): void {
    this.unschedulableSet.delete(key)
    this.add(key)
  }

  /** Parks a pod that did not fit until the cluster changes. */
  unschedulable(key: string): void {
    if (this.current?.key === key && this.current.moves !== this.moves) return this.add(key)
    this.active.delete(key)
    this.unschedulableSet.add(key)
  }

  /** Drops a pod from the queue (bound, deleted or no longer ours). */
  remove(key: string): void {
    this.active.delete(key)
    this.unschedulableSet.delete(key)
  }

  /** Moves every unschedulable pod back to active (a node or a bound pod changed). */
  moveAllToActive(): void {
    this.moves++
    for (const key of this.unschedulableSet) this.active.add(key)
    this.unschedulableSet.clear()
    this.kick()
  }

  /** Returns the keys waiting to be tried and the parked ones. */
  contents(): { active: string[]; unschedulable: string[] } {
    return { active: [...this.active], unschedulable: [...this.unschedulableSet] }
  }

  /** Starts working through the queue. */
  start(): void {
    this.started = true
    this.kick()
  }

  /** Stops after the pod being tried. */
  stop(): void {
    this.stopped = true
  }

  private kick(): void {
    if (!this.started || this.stopped || this.running) return
    this.running = true
    void this.drain()
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && this.active.size > 0) {
        // One pod per turn of the event loop: the API server answers its clients in between.
        await yieldToLoop()
        if (this.stopped || this.active.size === 0) break
        const key = this.active.values().next().value!
        this.active.delete(key)
        this.current = { key, moves: this.moves }
        await this.worker(key)
        this.current = undefined
      }
    } finally {
      this.running = false
    }
  }
}
