import type { Action, InstallOptions } from './action.js'
import { ACTIONS, type ActionBuilder } from './action-registry.js'
import { INSTALL_STEPS_FILE, loadInstallSteps, type InstallStep } from './install-steps.js'

/**
 * Returns the install sequence's actions from lab/install/steps.yaml (or the given steps), in the
 * file's order: each step's `action:` picks its builder in the action registry, so a step added to
 * the file runs, and an action the registry does not know is an error naming the file and line.
 */
export function newPipeline(opts: InstallOptions, steps?: readonly InstallStep[]): Action[] {
  const all = steps ?? loadInstallSteps(opts.root)
  return all.flatMap((step, i) => builderOf(step, i)(step, opts))
}

function builderOf(step: InstallStep, index: number): ActionBuilder {
  const build = Object.hasOwn(ACTIONS, step.action) ? ACTIONS[step.action] : undefined
  if (build) return build
  const where = `${step.source ?? INSTALL_STEPS_FILE}: steps[${index}].action`
  const known = Object.keys(ACTIONS).join(', ')
  throw new Error(
    `${where}: unknown action "${step.action}" of step "${step.name}" (known: ${known})`
  )
}

/** Returns a dry run's plan of the actions: each step's title, then the commands it runs. */
export function planPipeline(actions: readonly Action[]): string[] {
  return actions.flatMap((a) => [
    `# ${a.name}: ${a.title}${a.until ? ` (--until ${a.until})` : ''}`,
    ...a.plan(),
  ])
}
