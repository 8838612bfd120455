import { expect } from 'chai'
import { createActionContext } from './action-context.js'
import { ActionError } from './action.js'
import { newAction as helmInstall } from './actions/helm-install/index.js'
import type { CommandResult } from './command-runner.js'
import { loadInstallSteps } from './install-steps.js'
import { runCheck, runTemplates } from './step-action.js'
import { createStatusPrinter } from './status-printer.js'
import { memoryTranscript } from './transcript.js'
import { fakeRunner } from '../testing/install/fake-runner.js'
import { ROOT, testOptions } from '../testing/install/lab-options.js'

const DEPLOYED = 'NAME: msb\nNAMESPACE: onap\nSTATUS: deployed\nREVISION: 1\n'

function context(reply: (line: string) => Partial<CommandResult> | undefined) {
  const runner = fakeRunner(reply)
  const ctx = createActionContext({
    options: testOptions({ stateDir: '/s' }),
    status: createStatusPrinter({ write: () => undefined, tty: false }),
    run: runner.run,
    transcript: memoryTranscript(),
  })
  return { ctx, runner }
}

describe('runCheck() without a run command', () => {
  const check = { contains: ['STATUS: deployed'] }

  it("reads the output of the step's last command", async () => {
    const { ctx, runner } = context((l) =>
      l.startsWith('helm install') ? { stdout: DEPLOYED } : {}
    )
    const last = await runTemplates(ctx, ['helm repo list', 'helm install msb local/msb'], {})
    await runCheck(ctx, check, {}, last)
    expect(runner.calls).to.deep.equal(['helm repo list', 'helm install msb local/msb'])
  })

  it('fails naming that command and showing its output when the entry is missing', async () => {
    const { ctx } = context(() => ({ stdout: 'STATUS: failed' }))
    const last = await runTemplates(ctx, ['helm install msb local/msb'], {})
    const err = (await runCheck(ctx, check, {}, last).catch((e: unknown) => e)) as ActionError
    expect(err).to.be.instanceOf(ActionError)
    expect(err.message).to.equal('check failed: the output lacks "STATUS: deployed"')
    expect(err.command).to.equal('helm install msb local/msb')
    expect(err.output).to.equal('STATUS: failed')
  })

  it('refuses a check without run on a step that ran no command', async () => {
    const { ctx } = context(() => ({}))
    const err = (await runCheck(ctx, check, {}, await runTemplates(ctx, [], {})).catch(
      (e: unknown) => e
    )) as Error
    expect(err.message).to.contain(
      "reads the output of the step's last command, and this step ran none"
    )
  })
})

describe('the release step', () => {
  const step = loadInstallSteps(ROOT).find((s) => s.name === 'release')!
  const params = { release: 'msb', chart: 'local/msb', namespace: 'onap', values: [], tree: '/t' }

  it('runs helm install and nothing else when the install prints STATUS: deployed', async () => {
    const { ctx, runner } = context(() => ({ stdout: DEPLOYED }))
    await helmInstall(step, params).execute(ctx)
    expect(runner.calls).to.deep.equal(['helm install msb local/msb --namespace onap'])
  })

  it('fails when helm install does not say the release is deployed', async () => {
    const { ctx } = context(() => ({ stdout: 'NAME: msb\nSTATUS: pending-install\n' }))
    const err = (await helmInstall(step, params)
      .execute(ctx)
      .catch((e: unknown) => e)) as ActionError
    expect(err.message).to.equal('check failed: the output lacks "STATUS: deployed"')
    expect(err.command).to.equal('helm install msb local/msb --namespace onap')
  })
})
