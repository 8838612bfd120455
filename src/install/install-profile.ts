import { appendFileSync, readFileSync } from 'node:fs'

/** One timed thing of an install: a step, or a command a step ran. */
export interface ProfileEntry {
  kind: 'step' | 'command'
  /** The step's name, or the command line as the transcript has it. */
  name: string
  /** Milliseconds since the context's origin when it started. */
  start: number
  ms: number
  /** A command's exit code. */
  code?: number
  /** The step a command ran in (steps may run alongside one another). */
  step?: string
}

/** Where an install's timings go (`LAB_COMMAND_PROFILE=<file>`: one JSON line each). */
export type InstallProfile = (entry: ProfileEntry) => void

/** Environment variable naming the file an install appends its timings to. */
export const PROFILE_ENV = 'LAB_COMMAND_PROFILE'

/** Returns a profile that appends each entry to `file` as one JSON line. */
export function fileProfile(file: string): InstallProfile {
  return (entry) => appendFileSync(file, `${JSON.stringify(entry)}\n`)
}

/** Reads a profile file; a line that is not an entry is an error naming the file and line. */
export function readProfile(file: string): ProfileEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return []
      const e: unknown = JSON.parse(line)
      const ok =
        typeof e === 'object' &&
        e !== null &&
        ['step', 'command'].includes((e as ProfileEntry).kind) &&
        typeof (e as ProfileEntry).ms === 'number'
      if (!ok) throw new Error(`${file}:${i + 1}: not an install profile entry: ${line}`)
      return [e as ProfileEntry]
    })
}

/** What a step spent: in all, in the commands it ran, and the rest (waits, in-process work). */
export interface StepProfile {
  step: string
  ms: number
  commands: { name: string; ms: number }[]
  /** The step's time outside its commands: sleeps between polls, the action's own work. */
  otherMs: number
}

/**
 * Groups the commands of a profile under the step they ran in: by their step tag, or (entries
 * without one) by the step whose time they started in.
 */
export function stepProfiles(entries: readonly ProfileEntry[]): StepProfile[] {
  const steps = entries.filter((e) => e.kind === 'step')
  const within = (e: ProfileEntry, s: ProfileEntry) =>
    e.step !== undefined ? e.step === s.name : e.start >= s.start && e.start < s.start + s.ms
  return steps.map((s) => {
    const commands = entries
      .filter((e) => e.kind === 'command' && within(e, s))
      .map((e) => ({ name: e.name, ms: e.ms }))
    const inCommands = commands.reduce((sum, c) => sum + c.ms, 0)
    return { step: s.name, ms: s.ms, commands, otherMs: Math.max(0, s.ms - inCommands) }
  })
}

/**
 * Returns when the first step started, in milliseconds on the install's clock (lab-up's
 * `performance.now()`: since its process started), or undefined when no step ran.
 */
export function firstStepStart(entries: readonly ProfileEntry[]): number | undefined {
  const starts = entries.filter((e) => e.kind === 'step').map((e) => e.start)
  return starts.length > 0 ? Math.min(...starts) : undefined
}
