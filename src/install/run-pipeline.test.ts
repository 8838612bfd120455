import { expect } from 'chai'
import { ActionError, type Action, type ActionContext } from './action.js'
import { createActionContext } from './action-context.js'
import { CommandError } from './command-runner.js'
import { fakeRunner } from '../testing/install/fake-runner.js'
import { runPipeline, StepError, untilNames } from './run-pipeline.js'
import { createStatusPrinter } from './status-printer.js'
import { memoryTranscript } from './transcript.js'
import { testOptions } from '../testing/install/lab-options.js'

function action(name: string, until?: string, execute?: Action['execute']): Action {
  return {
    name,
    title: `Doing ${name}`,
    ...(until ? { until } : {}),
    hint: `look at ${name}`,
    plan: () => [],
    execute: execute ?? (() => Promise.resolve()),
  }
}

function context(lines: string[], ran: string[] = []) {
  let t = 0
  const status = createStatusPrinter({ write: (s) => void lines.push(s), tty: false })
  const ctx = createActionContext({
    options: testOptions({ stateDir: '/nonexistent/state' }),
    status,
    run: fakeRunner().run,
    transcript: memoryTranscript(),
    now: () => (t += 250),
  })
  ctx.defer(() => void ran.push('cleanup'))
  return ctx
}

describe('runPipeline()', () => {
  const actions = [action('master'), action('workers', 'cluster'), action('istio', 'istio')]

  it('runs every step in order with a ✓ line and a duration each', async () => {
    const lines: string[] = []
    const r = await runPipeline(actions, context(lines))
    expect(r.steps.map((s) => [s.name, s.ok, s.ms])).to.deep.equal([
      ['master', true, 250],
      ['workers', true, 250],
      ['istio', true, 250],
    ])
    expect(lines.join('')).to.equal(
      [
        ' • Doing master …',
        ' ✓ Doing master (0.3s)',
        ' • Doing workers …',
        ' ✓ Doing workers (0.3s)',
      ]
        .concat([' • Doing istio …', ' ✓ Doing istio (0.3s)', ''])
        .join('\n')
    )
  })

  it('stops after the step named by --until, by its until name or its own', async () => {
    const byAlias = await runPipeline(actions, context([]), { until: 'cluster' })
    expect(byAlias.steps.map((s) => s.name)).to.deep.equal(['master', 'workers'])
    expect(byAlias.stoppedAfter).to.equal('cluster')
    const byName = await runPipeline(actions, context([]), { until: 'master' })
    expect(byName.steps.map((s) => s.name)).to.deep.equal(['master'])
  })

  it('refuses an unknown --until before running anything, listing the names', async () => {
    const lines: string[] = []
    const err = await runPipeline(actions, context(lines), { until: 'charts' }).catch(
      (e: Error) => e
    )
    expect((err as Error).message).to.equal(
      'unknown step "charts" for --until: want one of master, workers, cluster, istio'
    )
    expect(lines).to.deep.equal([])
    expect(untilNames(actions)).to.deep.equal(['master', 'workers', 'cluster', 'istio'])
  })

  it('on failure names the step, the command, its output and the hint, then removes the lab', async () => {
    const lines: string[] = []
    const ran: string[] = []
    const failing = action('workers', 'cluster', () => {
      throw new CommandError('kubectl apply -f x.yaml', {
        code: 1,
        stdout: '',
        stderr: 'error: the server could not find the requested resource\n',
      })
    })
    const err = await runPipeline([actions[0]!, failing, actions[2]!], context(lines, ran), {
      teardown: () => Promise.resolve(void ran.push('teardown')),
    }).catch((e: unknown) => e)
    expect(err).to.be.instanceOf(StepError)
    const e = err as StepError
    expect(e.message).to.equal(
      [
        'step "workers" (Doing workers) failed: `kubectl apply -f x.yaml` exited with code 1',
        '  command: kubectl apply -f x.yaml',
        '  output:',
        '    error: the server could not find the requested resource',
        '  hint: look at workers',
        '  The lab was removed (`--retain` keeps it for a look).',
      ].join('\n')
    )
    expect(e.removed).to.equal(true)
    expect(e.steps.map((s) => [s.name, s.ok])).to.deep.equal([
      ['master', true],
      ['workers', false],
    ])
    expect(ran).to.deep.equal(['cleanup', 'teardown'])
    expect(lines.join('')).to.contain(' ✗ Doing workers (0.3s)')
    expect(lines.join('')).to.not.contain('Doing istio')
  })

  it('keeps the lab with --retain, and a failure’s own hint wins over the step’s', async () => {
    const ran: string[] = []
    const failing = action('charts', undefined, () => {
      throw new ActionError('port 8879 is in use: EADDRINUSE', { hint: 'free the port' })
    })
    const err = (await runPipeline([failing], context([], ran), {
      retain: true,
      teardown: () => Promise.resolve(void ran.push('teardown')),
    }).catch((e: unknown) => e)) as StepError
    expect(err.message).to.equal(
      [
        'step "charts" (Doing charts) failed: port 8879 is in use: EADDRINUSE',
        '  hint: free the port',
        '  The lab is kept: `npm run lab:down` removes it.',
      ].join('\n')
    )
    expect(err.removed).to.equal(false)
    expect(ran).to.deep.equal(['cleanup'])
  })

  it('says so when removing the lab fails too', async () => {
    const failing = action('istio', undefined, () => Promise.reject(new Error('boom')))
    const err = (await runPipeline([failing], context([]), {
      teardown: () => Promise.reject(new Error('kind delete failed')),
    }).catch((e: unknown) => e)) as StepError
    expect(err.removed).to.equal(false)
    expect(err.message).to.contain('removing the lab failed too: kind delete failed')
  })

  it('writes each step into the transcript before its commands', async () => {
    const ctx = context([])
    const run = action('namespace', undefined, async (c: ActionContext) => {
      await c.kubectl(['create', 'namespace', 'onap'])
    })
    await runPipeline([run], ctx)
    expect(ctx.transcript.lines()).to.deep.equal([
      '# step namespace: Doing namespace',
      'kubectl create namespace onap',
    ])
  })
})
