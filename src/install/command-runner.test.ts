import { expect } from 'chai'
import { CommandError, zxRunner } from './command-runner.js'

describe('zxRunner()', () => {
  const run = zxRunner({ PATH: process.env.PATH, LAB_BASE: 'base' })
  const node = (code: string) => ({ name: 'node', bin: process.execPath, args: ['-e', code] })

  it('returns the exit code and both outputs without throwing', async () => {
    const r = await run(
      node('process.stdout.write("out"); process.stderr.write("err"); process.exit(3)')
    )
    expect(r).to.deep.equal({ code: 3, stdout: 'out', stderr: 'err' })
  })

  it('passes arguments unquoted, stdin and the environment through', async () => {
    const r = await run({
      ...node(
        'process.stdin.pipe(process.stdout); process.stderr.write(process.argv[1] + "|" + process.env.LAB_BASE + process.env.LAB_X)'
      ),
      args: [
        '-e',
        'process.stdin.pipe(process.stdout); process.stderr.write(process.argv[1] + "|" + process.env.LAB_BASE + process.env.LAB_X)',
        "it's $HOME",
      ],
      input: 'stdin text',
      env: { LAB_X: '+x' },
    })
    expect(r).to.deep.equal({ code: 0, stdout: 'stdin text', stderr: "it's $HOME|base+x" })
  })

  it('reports a missing program as a failure', async () => {
    const r = await run({ name: 'nope', bin: '/nonexistent/nope', args: [] })
    expect(r.code).to.not.equal(0)
  })
})

describe('CommandError', () => {
  it('carries the command line and the output helm or kubectl printed', () => {
    const e = new CommandError('helm package msb', {
      code: 1,
      stdout: 'x',
      stderr: 'Error: boom\n',
    })
    expect(e.message).to.equal('`helm package msb` exited with code 1: Error: boom')
    expect([e.command, e.output, e.code]).to.deep.equal(['helm package msb', 'Error: boom', 1])
  })
})
