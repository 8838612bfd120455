import { expect } from 'chai'
import type { Action, ActionContext } from './action.js'
import { createActionContext } from './action-context.js'
import { fakeRunner } from '../testing/install/fake-runner.js'
import { runPipeline, StepError } from './run-pipeline.js'
import { createStatusPrinter } from './status-printer.js'
import { memoryTranscript } from './transcript.js'
import { testOptions } from '../testing/install/lab-options.js'

/** A gate a test opens by hand: a step waits on it to stay running. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void
  const wait = new Promise<void>((r) => (open = r))
  return { wait, open }
}

interface Trace {
  events: string[]
  lines: string[]
}

function step(
  name: string,
  t: Trace,
  o: { needs?: string[]; wait?: Promise<void>; fail?: boolean } = {}
): Action {
  return {
    name,
    title: `Doing ${name}`,
    ...(o.needs ? { needs: o.needs } : {}),
    plan: () => [],
    async execute(c: ActionContext) {
      t.events.push(`start ${name}`)
      await c.kubectl(['get', name])
      c.log.warn(`${name} says hello`)
      await o.wait
      t.events.push(`end ${name}`)
      if (o.fail) throw new Error(`${name} broke`)
    },
  }
}

function context(t: Trace, ms = 250) {
  let now = 0
  return createActionContext({
    options: testOptions({ stateDir: '/nonexistent/state' }),
    status: createStatusPrinter({ write: (s) => void t.lines.push(s), tty: false }),
    run: fakeRunner().run,
    transcript: memoryTranscript(),
    now: () => (now += ms),
  })
}

/** The status lines, durations left out (the clock ticks on every reading). */
const shown = (t: Trace) => t.lines.join('').replace(/\(\d+\.\ds\)/g, '(…)')

const ticks = () => new Promise((r) => setImmediate(r))

describe('runPipeline() with steps that need only some earlier steps', () => {
  it('starts a step once its needs finished, alongside the steps between, and keeps the order', async () => {
    const t: Trace = { events: [], lines: [] }
    const istio = gate()
    const ctx = context(t)
    const done = runPipeline(
      [
        step('master', t),
        step('istio', t, { wait: istio.wait }),
        step('repo', t, { needs: ['master'] }),
        step('charts', t, { needs: ['repo'] }),
      ],
      ctx
    )
    for (let i = 0; i < 10; i++) await ticks()
    // Istio still runs: the repository and then the charts ran meanwhile.
    expect(t.events).to.not.include('end istio')
    expect(t.events.filter((e) => !e.includes('istio'))).to.deep.equal([
      'start master',
      'end master',
      'start repo',
      'end repo',
      'start charts',
      'end charts',
    ])
    istio.open()
    const r = await done
    expect(r.steps.map((s) => [s.name, s.ok])).to.deep.equal([
      ['master', true],
      ['istio', true],
      ['repo', true],
      ['charts', true],
    ])
    expect(ctx.transcript.lines()).to.deep.equal([
      '# step master: Doing master',
      'kubectl get master',
      '# step istio: Doing istio',
      'kubectl get istio',
      '# step repo: Doing repo',
      '# (started alongside the steps above, once master had finished: it needs nothing else of them)',
      'kubectl get repo',
      '# step charts: Doing charts',
      '# (started alongside the steps above, once repo had finished: it needs nothing else of them)',
      'kubectl get charts',
    ])
    // Each step's lines in its turn: its warning under its own live line.
    expect(shown(t)).to.equal(
      ['master', 'istio', 'repo', 'charts']
        .map((n) => ` • Doing ${n} …\n   WARNING: ${n} says hello\n ✓ Doing ${n} (…)\n`)
        .join('')
    )
  })

  it('runs a step in its turn when its needs finish just before it (no comment)', async () => {
    const t: Trace = { events: [], lines: [] }
    const ctx = context(t)
    await runPipeline([step('master', t), step('repo', t, { needs: ['master'] })], ctx)
    expect(ctx.transcript.lines()).to.deep.equal([
      '# step master: Doing master',
      'kubectl get master',
      '# step repo: Doing repo',
      'kubectl get repo',
    ])
  })

  it('runs every step in its turn when the context has no forStep', async () => {
    const t: Trace = { events: [], lines: [] }
    const istio = gate()
    const full = context(t)
    const { forStep: _, ...ctx } = full
    const done = runPipeline(
      [
        step('master', t),
        step('istio', t, { wait: istio.wait }),
        step('repo', t, { needs: ['master'] }),
      ],
      ctx
    )
    for (let i = 0; i < 10; i++) await ticks()
    expect(t.events).to.deep.equal(['start master', 'end master', 'start istio'])
    istio.open()
    await done
    expect(t.events.slice(-2)).to.deep.equal(['start repo', 'end repo'])
    expect(ctx.transcript.lines()).to.not.include(
      '# (started alongside the steps above, once master had finished: it needs nothing else of them)'
    )
  })

  it('reports an early step that failed in its turn, and starts nothing that needs it', async () => {
    const t: Trace = { events: [], lines: [] }
    const istio = gate()
    const torn: string[] = []
    const ctx = context(t)
    const done = runPipeline(
      [
        step('master', t),
        step('istio', t, { wait: istio.wait }),
        step('repo', t, { needs: ['master'], fail: true }),
        step('charts', t, { needs: ['repo'] }),
      ],
      ctx,
      { teardown: () => Promise.resolve(void torn.push('teardown')) }
    ).catch((e: unknown) => e)
    for (let i = 0; i < 10; i++) await ticks()
    expect(t.lines.join('')).to.not.contain('✗')
    istio.open()
    const err = (await done) as StepError
    expect(err).to.be.instanceOf(StepError)
    expect(err.step).to.equal('repo')
    expect(err.message).to.contain('step "repo" (Doing repo) failed: repo broke')
    expect(t.events).to.not.include('start charts')
    expect(torn).to.deep.equal(['teardown'])
    expect(shown(t)).to.contain(
      ' ✓ Doing istio (…)\n • Doing repo …\n   WARNING: repo says hello\n ✗ Doing repo (…)'
    )
  })

  it('on a failure in turn waits for the early steps and copies their transcript lines', async () => {
    const t: Trace = { events: [], lines: [] }
    const repo = gate()
    const ctx = context(t)
    const done = runPipeline(
      [
        step('master', t),
        step('istio', t, { fail: true }),
        step('namespace', t),
        step('repo', t, { needs: ['master'], wait: repo.wait }),
      ],
      ctx,
      { retain: true }
    ).catch((e: unknown) => e)
    for (let i = 0; i < 10; i++) await ticks()
    expect(t.events).to.include('end istio')
    let settled = false
    void done.then(() => (settled = true))
    await ticks()
    expect(settled, 'waits for the repository step still running').to.equal(false)
    repo.open()
    const err = (await done) as StepError
    expect(err.step).to.equal('istio')
    expect(t.events).to.not.include('start namespace')
    expect(ctx.transcript.lines().slice(-3)).to.deep.equal([
      '# step repo: Doing repo',
      '# (started alongside the steps above, once master had finished: it needs nothing else of them)',
      'kubectl get repo',
    ])
  })

  it('refuses a step that needs a later step, naming both', async () => {
    const t: Trace = { events: [], lines: [] }
    const err = await runPipeline(
      [step('repo', t, { needs: ['master'] }), step('master', t)],
      context(t)
    ).catch((e: Error) => e)
    expect((err as Error).message).to.equal(
      'failed to order step "repo": it needs master, which must come before it'
    )
    expect(t.events).to.deep.equal([])
  })
})
