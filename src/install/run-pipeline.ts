import { ActionError, type Action, type ActionContext } from './action.js'
import { CommandError } from './command-runner.js'
import type { Status } from './status-printer.js'
import { memoryTranscript } from './transcript.js'

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
 * after `until`. An action that declares `needs` (and a context that has `forStep`) starts as
 * soon as those steps have finished, alongside the steps in between; its transcript and status
 * lines are buffered and copied out in its turn, so the transcript keeps the steps' order. On a
 * failure it waits for the steps running alongside, disposes the context (if it can be), removes
 * the lab unless `retain`, and throws a StepError.
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
  const chosen = actions.slice(0, last + 1)
  const early = earlySteps(actions, chosen, ctx)
  const steps: StepResult[] = []
  for (const [i, action] of chosen.entries()) {
    early.reached(i)
    const started = early.get(i)
    if (started) ctx.status.start(action.title)
    const r = await (started ?? runInTurn(action, ctx))
    if (started) copyOut(action, r, ctx, early.needsOf(action))
    ctx.status.end(r.ok, r.ms)
    ctx.profile?.({ kind: 'step', name: action.name, start: r.start, ms: r.ms })
    steps.push({ name: action.name, title: action.title, ok: r.ok, ms: r.ms })
    if (!r.ok) {
      for (const e of await early.settle()) copyOut(e.action, e.run, ctx, early.needsOf(e.action))
      throw await fail(action, r.err, ctx, o, steps)
    }
    early.finished(action.name)
  }
  const output = ctx.cache.output ?? []
  return { steps, output, ...(o.until !== undefined ? { stoppedAfter: o.until } : {}) }
}

/** How one step's run went, and what it wrote while it ran alongside others. */
interface StepRun {
  ok: boolean
  start: number
  ms: number
  err?: unknown
  lines?: readonly string[]
  info?: readonly string[]
}

/** Runs a step's action on `c` and says how it went, timed on the pipeline's clock. */
function timed(action: Action, c: ActionContext, ctx: ActionContext): Promise<StepRun> {
  const start = ctx.now()
  return Promise.resolve()
    .then(() => action.execute(c))
    .then(
      () => ({ ok: true, start, ms: ctx.now() - start }),
      (err: unknown) => ({ ok: false, start, ms: ctx.now() - start, err })
    )
}

/** Runs a step in its turn, its live line started and its transcript comment written. */
function runInTurn(action: Action, ctx: ActionContext): Promise<StepRun> {
  ctx.status.start(action.title)
  ctx.transcript.comment(`step ${action.name}: ${action.title}`)
  return timed(action, ctx.forStep?.({ step: action.name }) ?? ctx, ctx)
}

type ForStep = NonNullable<ActionContext['forStep']>

/** Runs a step alongside others: its transcript and status lines go to buffers. */
function runEarly(action: Action, ctx: ActionContext, forStep: ForStep): Promise<StepRun> {
  const transcript = memoryTranscript()
  const info: string[] = []
  const status: Status = { start: () => undefined, end: () => undefined, info: (l) => info.push(l) }
  const c = forStep({ step: action.name, transcript, status })
  return timed(action, c, ctx).then((r) => ({ ...r, lines: transcript.lines(), info }))
}

/** Copies what a step that ran alongside others wrote into the transcript and status, in its turn. */
function copyOut(action: Action, r: StepRun, ctx: ActionContext, needs: string[]): void {
  ctx.transcript.comment(`step ${action.name}: ${action.title}`)
  ctx.transcript.comment(
    needs.length > 0
      ? `(started alongside the steps above, once ${andList(needs)} had finished: it needs nothing else of them)`
      : '(started alongside the steps above: it needs none of them)'
  )
  for (const l of r.lines ?? []) ctx.transcript.line(l)
  for (const l of r.info ?? []) ctx.status.info(l)
}

function andList(xs: readonly string[]): string {
  return xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)!}`
}

/** The steps that start before their turn, once the steps they need have finished. */
function earlySteps(all: readonly Action[], chosen: readonly Action[], ctx: ActionContext) {
  const names = new Set(all.map((a) => a.name))
  const runs = new Map<number, Promise<StepRun>>()
  const done = new Set<string>()
  let cursor = -1
  // Only the needed steps of this pipeline (a lab on an existing cluster has no master step).
  const needsOf = (a: Action) => (a.needs ?? []).filter((n) => names.has(n))
  for (const [i, a] of chosen.entries()) {
    const later = needsOf(a).filter((n) => !chosen.slice(0, i).some((b) => b.name === n))
    if (later.length > 0)
      throw new Error(
        `failed to order step "${a.name}": it needs ${andList(later)}, which must come before it`
      )
  }
  const startReady = (): void => {
    const forStep = ctx.forStep?.bind(ctx)
    if (!forStep) return
    for (const [i, a] of chosen.entries()) {
      if (i <= cursor || runs.has(i) || a.needs === undefined) continue
      if (!needsOf(a).every((n) => done.has(n))) continue
      const run = runEarly(a, ctx, forStep)
      runs.set(i, run)
      void run.then((r) => {
        if (!r.ok) return
        done.add(a.name)
        startReady()
      })
    }
  }
  return {
    needsOf,
    get: (i: number) => runs.get(i),
    /** The pipeline reached step i in its turn. */
    reached(i: number): void {
      cursor = i
      if (i === 0) startReady()
    },
    /** The step in turn finished: the next one runs in its turn, later ones may start early. */
    finished(name: string): void {
      done.add(name)
      cursor++
      startReady()
    },
    /** Waits for the early steps past the cursor still running, and returns them in order. */
    async settle(): Promise<{ action: Action; run: StepRun }[]> {
      const rest = [...runs].filter(([i]) => i > cursor).sort(([a], [b]) => a - b)
      return Promise.all(rest.map(async ([i, p]) => ({ action: chosen[i]!, run: await p })))
    },
  }
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
