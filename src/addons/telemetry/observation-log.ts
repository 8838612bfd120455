/**
 * The telemetry store's window of recent observations, kept in columns (a time, a label set's
 * number, one value per metric) in growable typed arrays used as a ring: taking a report allocates
 * nothing, and the garbage collector has nothing to trace or copy per observation. Observations
 * are handed out as objects only when a query asks for them.
 */

/** One report as observed, kept for rate queries. */
export interface Observation {
  /** When Mixer received it (request end), ms since the epoch. */
  atMs: number
  /** All 17 HTTP labels (TCP metrics read their 15). */
  labels: Record<string, string>
  /** Value per metric name (1 for the request counter). */
  values: Record<string, number>
}

const INITIAL = 1024

/** A bounded FIFO of observations over a fixed list of metric names (see module doc). */
export class ObservationLog {
  private readonly metrics: readonly string[]
  private readonly labelSets: Record<string, string>[] = []
  private readonly setIndex = new Map<Record<string, string>, number>()
  private at = new Float64Array(INITIAL)
  private set = new Int32Array(INITIAL)
  /** Bit m set: metric m counted the report. */
  private has = new Uint8Array(INITIAL)
  /** values[m * capacity + slot]. */
  private vals: Float64Array
  private head = 0
  private count = 0

  /** `metrics`: the metric names values may be given for, in the order values are listed. */
  constructor(metrics: readonly string[]) {
    if (metrics.length > 8)
      throw new Error(`an observation log holds at most 8 metrics, not ${metrics.length}`)
    this.metrics = metrics
    this.vals = new Float64Array(INITIAL * metrics.length)
  }

  /** Observations kept. */
  get size(): number {
    return this.count
  }

  /** Time of the oldest kept observation (undefined when empty). */
  oldestAtMs(): number | undefined {
    return this.count ? this.at[this.head] : undefined
  }

  /**
   * Appends one observation. `labels` is an interned label set (one object per distinct set);
   * `values[m]` is metric m's value where bit m of `counted` is set.
   */
  push(
    atMs: number,
    labels: Record<string, string>,
    values: ArrayLike<number>,
    counted: number
  ): void {
    if (this.count === this.at.length) this.grow()
    let li = this.setIndex.get(labels)
    if (li === undefined) {
      li = this.labelSets.push(labels) - 1
      this.setIndex.set(labels, li)
    }
    const cap = this.at.length
    const slot = (this.head + this.count) % cap
    this.at[slot] = atMs
    this.set[slot] = li
    this.has[slot] = counted
    for (let m = 0; m < this.metrics.length; m++)
      if (counted & (1 << m)) this.vals[m * cap + slot] = values[m]!
    this.count++
  }

  /** Drops the `n` oldest observations. */
  dropOldest(n: number): void {
    const k = Math.min(n, this.count)
    this.head = (this.head + k) % this.at.length
    this.count -= k
  }

  /** Returns the time of the i-th oldest kept observation. */
  atMsOf(i: number): number {
    return this.at[(this.head + i) % this.at.length]!
  }

  /** Returns the observations with `fromMs < atMs <= toMs`, oldest first, as objects. */
  between(fromMs: number, toMs: number): Observation[] {
    const out: Observation[] = []
    const cap = this.at.length
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % cap
      const atMs = this.at[slot]!
      if (atMs > fromMs && atMs <= toMs) out.push(this.materialize(slot))
    }
    return out
  }

  /** Returns every kept observation, oldest first, as objects. */
  all(): Observation[] {
    const out: Observation[] = []
    for (let i = 0; i < this.count; i++)
      out.push(this.materialize((this.head + i) % this.at.length))
    return out
  }

  /** Forgets everything. */
  clear(): void {
    this.labelSets.length = 0
    this.setIndex.clear()
    this.head = 0
    this.count = 0
  }

  private materialize(slot: number): Observation {
    const cap = this.at.length
    const values: Record<string, number> = {}
    const counted = this.has[slot]!
    for (let m = 0; m < this.metrics.length; m++)
      if (counted & (1 << m)) values[this.metrics[m]!] = this.vals[m * cap + slot]!
    return { atMs: this.at[slot]!, labels: this.labelSets[this.set[slot]!]!, values }
  }

  private grow(): void {
    const cap = this.at.length
    const next = cap * 2
    const at = new Float64Array(next)
    const set = new Int32Array(next)
    const has = new Uint8Array(next)
    const vals = new Float64Array(next * this.metrics.length)
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % cap
      at[i] = this.at[from]!
      set[i] = this.set[from]!
      has[i] = this.has[from]!
      for (let m = 0; m < this.metrics.length; m++) vals[m * next + i] = this.vals[m * cap + from]!
    }
    this.at = at
    this.set = set
    this.has = has
    this.vals = vals
    this.head = 0
  }
}
