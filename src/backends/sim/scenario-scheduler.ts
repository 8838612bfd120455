import type { Clock } from '../../util/index.js'
import type { ScheduleEntry } from './scenario-schedule.js'

/** Where a schedule is: what a snapshot records of it, and what a restored lab resumes from. */
export interface ScheduleState {
  /** True once the schedule's clock started (the lab was up). */
  started: boolean
  /** Wall-clock ms since the schedule's start (0 before it started). */
  elapsedMs: number
  /** The entries left to run (file index and offset), in the order they run. */
  left: { index: number; atMs: number; name: string }[]
  /** The entries that ran (or began to), with the schedule time they ran at. */
  done: { index: number; atMs: number; name: string; ranAtMs: number }[]
  /** App changes in force (in-memory state a restore puts back), with the time they end at. */
  inForce: { index: number; untilMs?: number }[]
}

/** What the scheduler does with an entry; `run` answers what it did (`deleted pod web-1`). */
export interface ScheduleRunner {
  run(entry: ScheduleEntry): Promise<string>
  /** Ends an app change whose `forSeconds` is over. */
  end(entry: ScheduleEntry): string
  /** Puts back, without running it again, an app change in force when the snapshot was taken. */
  reapply(entry: ScheduleEntry): void
}

/** One thing the schedule did: an entry run (or failed), or an app change ended. */
export interface ScheduleEvent {
  entry: ScheduleEntry
  /** Schedule time (ms since the start) it happened at. */
  atMs: number
  what: string
  failed?: boolean
}

/** What a scheduler runs on. */
export interface SchedulerOptions {
  /** Its clock: the wall clock in a lab (`scaledClock(1)`), a fake one in tests. */
  clock: Clock
  runner: ScheduleRunner
  onEvent: (e: ScheduleEvent) => void
  /** Goes on from a snapshot's schedule state. */
  resume?: ScheduleState
}

/**
 * Runs a scenario's schedule on a clock (wall clock in a lab: a time factor does not scale it):
 * each entry once, at its offset from `start()`, one after another in order; `pause()` stops the
 * clock and `state()` says what is left. Built from a ScheduleState it goes on from there: entries
 * done stay done, app changes in force are put back, the rest run at their remaining offsets.
 */
export class ScenarioScheduler {
  private readonly byIndex: Map<number, ScheduleEntry>
  private left: ScheduleEntry[]
  private done: ScheduleState['done'] = []
  private inForce = new Map<number, number | undefined>()
  private startedAt: number | undefined
  private base = 0
  private everStarted = false
  private cancel: (() => void) | undefined
  private chain: Promise<void> = Promise.resolve()

  private readonly o: SchedulerOptions

  constructor(entries: readonly ScheduleEntry[], o: SchedulerOptions) {
    this.o = o
    this.byIndex = new Map(entries.map((e) => [e.index, e]))
    const r = o.resume
    if (!r) {
      this.left = [...entries]
      return
    }
    const find = (i: { index: number; atMs: number }) => {
      const e = this.byIndex.get(i.index)
      if (e?.atMs !== i.atMs)
        throw new Error(
          `failed to resume the schedule: its entry ${i.index} (at ${i.atMs} ms) is not in the scenario`
        )
      return e
    }
    this.left = r.left.map(find)
    this.done = r.done.map((d) => (find(d), { ...d }))
    this.base = r.elapsedMs
    this.everStarted = r.started
    for (const f of r.inForce) {
      const e = this.byIndex.get(f.index)
      if (e?.action.kind !== 'app')
        throw new Error(`failed to resume the schedule: its entry ${f.index} is not an app change`)
      o.runner.reapply(e)
      this.inForce.set(f.index, f.untilMs)
    }
  }

  /** Starts (or resumes) the schedule's clock. */
  start(): void {
    if (this.startedAt !== undefined) return
    this.startedAt = this.o.clock.now().getTime()
    this.everStarted = true
    this.arm()
  }

  /** Stops the clock; `start()` goes on from where it stopped. */
  pause(): void {
    if (this.startedAt === undefined) return
    this.base = this.elapsedMs()
    this.startedAt = undefined
    this.cancel?.()
    this.cancel = undefined
  }

  /** Returns the ms of schedule time passed (frozen while paused). */
  elapsedMs(): number {
    return this.startedAt === undefined
      ? this.base
      : this.base + this.o.clock.now().getTime() - this.startedAt
  }

  /** Returns where the schedule is (see ScheduleState). */
  state(): ScheduleState {
    const brief = (e: ScheduleEntry) => ({ index: e.index, atMs: e.atMs, name: e.name })
    return {
      started: this.everStarted,
      elapsedMs: Math.round(this.elapsedMs()),
      left: this.left.map(brief),
      done: this.done.map((d) => ({ ...d })),
      inForce: [...this.inForce].map(([index, untilMs]) =>
        untilMs === undefined ? { index } : { index, untilMs }
      ),
    }
  }

  /** Resolves once the entries that are due have run (tests). */
  settled(): Promise<void> {
    return this.chain
  }

  /** Arms one timer for what is due next: the next entry, or the end of an app change. */
  private arm(): void {
    this.cancel?.()
    this.cancel = undefined
    if (this.startedAt === undefined) return
    const ends = [...this.inForce.values()].filter((u): u is number => u !== undefined)
    const next = Math.min(this.left[0]?.atMs ?? Infinity, ...ends)
    if (next === Infinity) return
    this.cancel = this.o.clock.after(Math.max(0, next - this.elapsedMs()), () => this.due())
  }

  private due(): void {
    this.cancel = undefined
    const now = this.elapsedMs()
    for (const [index, until] of [...this.inForce])
      if (until !== undefined && until <= now) {
        this.inForce.delete(index)
        const entry = this.byIndex.get(index)!
        this.queue(entry, until, async () => this.o.runner.end(entry))
      }
    while (this.left[0] && this.left[0].atMs <= now) {
      const entry = this.left.shift()!
      this.done.push({ index: entry.index, atMs: entry.atMs, name: entry.name, ranAtMs: now })
      const a = entry.action
      if (a.kind === 'app')
        this.inForce.set(
          entry.index,
          a.override.forSeconds === undefined ? undefined : now + a.override.forSeconds * 1000
        )
      this.queue(entry, now, () => this.o.runner.run(entry))
    }
    this.arm()
  }

  /** Runs one step after the ones before it, and reports what it did or why it failed. */
  private queue(entry: ScheduleEntry, atMs: number, step: () => Promise<string>): void {
    this.chain = this.chain.then(async () => {
      try {
        this.o.onEvent({ entry, atMs, what: await step() })
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err)
        this.o.onEvent({ entry, atMs, what: `failed: ${why}`, failed: true })
      }
    })
  }
}
