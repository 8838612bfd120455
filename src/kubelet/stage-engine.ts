import type { ContainerRuntime } from './container-runtime.js'
import type { ContainerStage, StageCondition, StageDelay } from './stages.js'

/** Answers the stage conditions for one container. */
export type StageFacts = (condition: StageCondition, c: ContainerRuntime) => boolean

/**
 * Returns the first stage that applies to a container: its phase is one the stage leaves from,
 * every `when` holds, no `unless` does, and the stage is a deletion stage exactly when the pod is
 * being deleted.
 */
export function pickStage(
  stages: readonly ContainerStage[],
  c: ContainerRuntime,
  deleting: boolean,
  facts: StageFacts
): ContainerStage | undefined {
  return stages.find(
    (s) =>
      (s.onDeletion ?? false) === deleting &&
      s.from.includes(c.phase) &&
      (s.when ?? []).every((w) => facts(w, c)) &&
      !(s.unless ?? []).some((u) => facts(u, c))
  )
}

/** The durations a stage delay can come from, in simulated milliseconds. */
export interface DelaySources {
  pull: number
  run: number
  stop: number
  'restart-backoff': number
  'image-backoff': number
}

/** Returns a stage's delay in simulated milliseconds (0 without a delay). */
export function stageDelayMs(delay: StageDelay | undefined, sources: () => DelaySources): number {
  if (!delay) return 0
  if ('seconds' in delay) return delay.seconds * 1000
  return Math.max(0, sources()[delay.from])
}

/** Returns a message template with `{{name}}` placeholders replaced (unknown names are kept). */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole)
}
