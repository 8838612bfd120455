import { ActionError, type Action, type ActionContext, type RunOptions } from './action.js'
import { commandLine, type CommandResult } from './command-runner.js'
import {
  expandCommand,
  expandEntries,
  fillTemplate,
  type InstallStep,
  type StepCheck,
  type TemplateVars,
} from './install-steps.js'

/** How an action is made from its step: the template values, its name and its plan. */
export interface StepActionSpec {
  step: InstallStep
  vars: TemplateVars
  /** Default: the step's name. */
  name?: string
  /** The dry-run plan's templates (`# …` lines as they are); default the step's `run`. */
  plan?: string[]
  /** The earlier steps it needs, when it needs only these (Action.needs); default the step's. */
  needs?: readonly string[]
}

/**
 * Returns an action for a step of lab/install/steps.yaml, its title, hint and plan filled in
 * from the spec's values.
 */
export function stepAction(
  spec: StepActionSpec,
  execute: (ctx: ActionContext) => Promise<void>
): Action {
  const { step, vars } = spec
  const hint = step.hint === undefined ? undefined : fillTemplate(step.hint, vars)
  return {
    name: spec.name ?? step.name,
    title: fillTemplate(step.title, vars),
    ...(step.until !== undefined ? { until: step.until } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...((spec.needs ?? step.needs) !== undefined ? { needs: spec.needs ?? step.needs } : {}),
    plan: () =>
      (spec.plan ?? step.run).map((t) => {
        if (t.startsWith('#')) return fillTemplate(t, vars)
        const [name, ...args] = expandCommand(t, vars)
        return commandLine(name!, args)
      }),
    execute,
  }
}

/** Runs a command template (`kubectl …` or `helm …`) through the context. */
export async function runTemplate(
  ctx: ActionContext,
  template: string,
  vars: TemplateVars,
  o: RunOptions = {}
): Promise<CommandResult> {
  const [name, ...args] = expandCommand(template, vars)
  if (name === 'kubectl') return ctx.kubectl(args, o)
  if (name === 'helm') return ctx.helm(args, o)
  throw new Error(`cannot run "${template}": the install steps run only kubectl and helm`)
}

/** Returns the templates of a step's `run` that start with `prefix` (its commands as data). */
export function commandsOf(step: InstallStep, prefix: string): string[] {
  const found = step.run.filter((r) => r.startsWith(prefix))
  if (found.length === 0) {
    throw new Error(`lab/install/steps.yaml: step ${step.name} has no "${prefix}…" command`)
  }
  return found
}

/** A command a step ran and what it printed. */
export interface RanCommand {
  argv: string[]
  result: CommandResult
}

/** Runs a step's `run` templates in order; returns the last one run (the check's default). */
export async function runTemplates(
  ctx: ActionContext,
  templates: readonly string[],
  vars: TemplateVars
): Promise<RanCommand | undefined> {
  let last: RanCommand | undefined
  for (const t of templates) {
    const result = await runTemplate(ctx, t, vars)
    last = { argv: expandCommand(t, vars), result }
  }
  return last
}

/**
 * Runs a step's check; throws an ActionError with the output when it does not hold. A check
 * without `run` reads the output of `last`, the step's own last command.
 */
export async function runCheck(
  ctx: ActionContext,
  check: StepCheck | undefined,
  vars: TemplateVars,
  last?: RanCommand
): Promise<void> {
  if (!check) return
  let argv: string[]
  let r: CommandResult
  if (check.run !== undefined) {
    argv = expandCommand(check.run, vars)
    r = await runTemplate(ctx, check.run, vars)
  } else if (last) {
    ;({ argv, result: r } = last)
  } else {
    throw new Error(
      "a check without `run` reads the output of the step's last command, and this step ran none"
    )
  }
  const out = r.stdout
  const words = new Set(out.split(/\s+/))
  const missing = expandEntries(check.contains ?? [], vars).filter(
    (e) => !(e.includes(' ') ? out.includes(e) : words.has(e) || out.includes(e))
  )
  const fail = (what: string): never => {
    throw new ActionError(`check failed: the output ${what}`, {
      command: commandLine(argv[0]!, argv.slice(1)),
      output: out.trim() || '(no output)',
    })
  }
  if (missing.length > 0) fail(`lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}`)
  if (check.matches !== undefined) {
    const re = new RegExp(check.matches)
    if (!out.split('\n').some((l) => re.test(l))) fail(`has no line matching /${check.matches}/`)
  }
}
