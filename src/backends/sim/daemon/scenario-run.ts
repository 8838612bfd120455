import type { Scenario } from '../scenario.js'
import { ScenarioScheduler, type ScheduleEvent, type ScheduleState } from '../scenario-scheduler.js'
import type { StartedSimLab } from '../sim-lab.js'
import { scaledClock, type Clock } from '../../../util/index.js'
import { readInstallRecord } from '../../install-record.js'
import type { MachineExec } from './machine-socket.js'
import { labScheduleRunner } from './scenario-runner.js'
import type { StateDir } from '../../state-dir.js'

/** A lab's running scenario schedule. */
export interface RunningSchedule {
  /** Where it is (for a snapshot). */
  state(): ScheduleState
  stop(): void
}

/** What the daemon runs a scenario's schedule with. */
export interface ScheduleRunOptions {
  lab: StartedSimLab
  scenario: Scenario
  exec: MachineExec
  state: StateDir
  log: (line: string) => void
  /** Records a scenario event in the event journal. */
  note: (name: string, what: string) => void
  /** A restored lab: the schedule's state in the snapshot. */
  resume?: ScheduleState
  /** Wall clock by default (a time factor does not scale a schedule). */
  clock?: Clock
  /** How often it looks whether the lab is up (ms). */
  pollMs?: number
}

/**
 * Runs a scenario's `schedule:` in the daemon. Its clock starts when the lab is up — when
 * `lab:up` (or a restore) reached its `--until` step and recorded the install complete — and runs
 * in real time. Each event goes to the daemon log and the event journal (`by: scenario`).
 * Undefined when the scenario schedules nothing and no schedule is resumed.
 */
export function runScenarioSchedule(o: ScheduleRunOptions): RunningSchedule | undefined {
  const entries = o.scenario.schedule
  if (!entries.length) return undefined
  const runner = labScheduleRunner(o.lab, { exec: o.exec, apps: o.scenario.apps })
  const onEvent = (e: ScheduleEvent) => {
    const t = `t+${(e.atMs / 1000).toFixed(1)}s`
    o.log(`lab:scenario ${t} "${e.entry.name}" (at ${e.entry.atMs / 1000}s): ${e.what}`)
    o.note(e.entry.name, `${e.what} (${t})`)
  }
  const scheduler = new ScenarioScheduler(entries, {
    clock: o.clock ?? scaledClock(1),
    runner,
    onEvent,
    ...(o.resume ? { resume: o.resume } : {}),
  })
  if (o.resume)
    o.log(
      `lab:scenario resumed at t+${(o.resume.elapsedMs / 1000).toFixed(1)}s: ${o.resume.done.length} entries done, ${o.resume.left.length} left`
    )
  const timer = setInterval(() => {
    if (!readInstallRecord(o.state)?.complete) return
    clearInterval(timer)
    scheduler.start()
    o.log(`lab:scenario schedule started (${scheduler.state().left.length} entries left)`)
  }, o.pollMs ?? 200)
  timer.unref()
  return {
    state: () => scheduler.state(),
    stop() {
      clearInterval(timer)
      scheduler.pause()
    },
  }
}
