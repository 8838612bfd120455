import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { expect } from 'chai'
import { testOptions } from '../testing/install/lab-options.js'
import { clientRuntimeEnv, createActionContext } from './action-context.js'
import { createStatusPrinter } from './status-printer.js'

describe('createActionContext: the clients’ environment', () => {
  it('runs kubectl and helm with GOGC=400 unless the user set GOGC', () => {
    expect(clientRuntimeEnv({})).to.deep.equal({ GOGC: '400' })
    expect(clientRuntimeEnv({ GOGC: '100' })).to.deep.equal({ GOGC: '100' })
    expect(clientRuntimeEnv({ GOGC: 'off' })).to.deep.equal({ GOGC: 'off' })
  })

  it('passes GOGC to the programs it starts, and leaves it out of the transcript', async () => {
    const options = testOptions()
    mkdirSync(options.stateDir, { recursive: true })
    try {
      // `env` as the lab's kubectl: it prints the environment it was started with.
      const ctx = createActionContext({
        options,
        status: createStatusPrinter({ write: () => undefined, tty: false }),
        clients: { kubectl: '/usr/bin/env', helm: '/usr/bin/env' },
      })
      const r = await ctx.kubectl([])
      await ctx.dispose()
      const printed = r.stdout.split('\n')
      expect(printed).to.include(`GOGC=${process.env['GOGC'] ?? '400'}`)
      expect(printed).to.include(`KUBECONFIG=${options.kubeconfig}`)
      const transcript = readFileSync(ctx.paths.transcript, 'utf8')
      expect(transcript).to.include(`export KUBECONFIG=`)
      expect(transcript).to.not.include('GOGC')
    } finally {
      rmSync(options.stateDir, { recursive: true, force: true })
    }
  })
})
