import { ActionError, type Action, type ActionContext } from './action.js'
import { CommandError } from './command-runner.js'

/** How the pipeline runs: where it stops, and what happens on failure. */
export interface RunPipelineOptions {
  /** Stop after the last step with this name or `until` name. */
  until?: string
  /** Keep the lab when a step fails. */
  retain?: boolean
  /** Removes the lab; called when a step fails unless `retain`. */
  teardown?: () => Promise<void>
}

/** How one step went. */
export interface StepResult {
  name: string
  title: string
  ok: boolean
  ms: number
}

/** How the pipeline went: every step run, and the `--until` it stopped at. */
export interface PipelineResult {
  steps: StepResult[]
  /** Text to print after the step lines (`kubectl get all -n onap`). */
  output: string[]
  stoppedAfter?: string
}

/** Details of a failed step. */
export interface StepErrorDetails {
  step: string
  title: string
  command?: string
  output?: string
  hint?: string
  /** Whether the lab was removed. */
  removed: boolean
  steps: StepResult[]
  cause: unknown
}

const MAX_OUTPUT_LINES = 40

/** A failed step; its message names the step, the command, its output and a hint. */
export class StepError extends Error {
  readonly step: string
  readonly command?: string
  readonly output?: string
  readonly hint?: string
  readonly removed: boolean
  readonly steps: StepResult[]

  constructor(d: StepErrorDetails, teardownError?: unknown) {
    const reason =
      d.cause instanceof CommandError
        ? `\`${d.cause.command}\` exited with code ${d.cause.code}`
        : (d.cause instanceof Error ? d.cause.message : String(d.cause)).split('\n')[0]!
    const lines = [`step "${d.step}" (${d.title}) failed: ${reason}`]
    if (d.command) lines.push(`  command: ${d.command}`)
    if (d.output) {
      const out = d.output.split('\n')
      const shown = out.length > MAX_OUTPUT_LINES ? out.slice(-MAX_OUTPUT_LINES) : out
      lines.push('  output:', ...shown.map((l) => `    ${l}`))
    }
    if (d.hint) lines.push(`  hint: ${d.hint}`)
    lines.push(
      d.removed
        ? '  The lab was removed (`--retain` keeps it for a look).'
        : '  The lab is kept: `npm run lab:down` removes it.'
    )
    if (teardownError !== undefined) {
      lines.push(`  removing the lab failed too: ${(teardownError as Error).message}`)
    }
    super(lines.join('\n'), { cause: d.cause })
    this.name = 'StepError'
    this.step = d.step
    if (d.command !== undefined) this.command = d.command
    if (d.output !== undefined) this.output = d.output
    if (d.hint !== undefined) this.hint = d.hint
    this.removed = d.removed
    this.steps = d.steps
  }
}

/** Returns the names `--until` accepts for these actions, in order, without repeats. */
export function untilNames(actions: readonly Action[]): string[] {
  return [...new Set(actions.flatMap((a) => (a.until ? [a.name, a.until] : [a.name])))]
}

/**
 * Runs the actions in order, each with its live ✓/✗ line, and returns their durations. Stops
 * after `until`. On a failure it disposes the context (if it can be), removes the lab unless
 * `retain`, and throws a StepError.
 */
export async function runPipeline(
  actions: readonly Action[],
  ctx: ActionContext,
  o: RunPipelineOptions = {}
): Promise<PipelineResult> {
  let last = actions.length - 1
  if (o.until !== undefined) {
    last = actions.findLastIndex((a) => a.name === o.until || a.until === o.until)
    if (last < 0) {
      throw new Error(
        `unknown step "${o.until}" for --until: want one of ${untilNames(actions).join(', ')}`
      )
    }
  }
  const steps: StepResult[] = []
  for (const action of actions.slice(0, last + 1)) {
    const t0 = ctx.now()
    ctx.status.start(action.title)
    ctx.transcript.comment(`step ${action.name}: ${action.title}`)
    try {
      await action.execute(ctx)
    } catch (err) {
      const ms = ctx.now() - t0
      ctx.status.end(false, ms)
      ctx.profile?.({ kind: 'step', name: action.name, start: t0, ms })
      steps.push({ name: action.name, title: action.title, ok: false, ms })
      throw await fail(action, err, ctx, o, steps)
    }
    const ms = ctx.now() - t0
    ctx.status.end(true, ms)
    ctx.profile?.({ kind: 'step', name: action.name, start: t0, ms })
    steps.push({ name: action.name, title: action.title, ok: true, ms })
  }
  const output = ctx.cache.output ?? []
  return { steps, output, ...(o.until !== undefined ? { stoppedAfter: o.until } : {}) }
}

async function fail(
  action: Action,
  err: unknown,
  ctx: ActionContext,
  o: RunPipelineOptions,
  steps: StepResult[]
): Promise<StepError> {
  const dispose = (ctx as Partial<{ dispose: () => Promise<void> }>).dispose
  if (typeof dispose === 'function') await dispose.call(ctx)
  let teardownError: unknown
  const removed = !o.retain && o.teardown !== undefined
  if (removed) {
    try {
      await o.teardown!()
    } catch (e) {
      teardownError = e
    }
  }
  const d = err instanceof CommandError || err instanceof ActionError ? err : undefined
  const hint = (err instanceof ActionError ? err.hint : undefined) ?? action.hint
  return new StepError(
    {
      step: action.name,
      title: action.title,
      ...(d?.command !== undefined ? { command: d.command } : {}),
      ...(d?.output ? { output: d.output } : {}),
      ...(hint !== undefined ? { hint } : {}),
      removed: removed && teardownError === undefined,
      steps,
      cause: err,
    },
    teardownError
  )
}
