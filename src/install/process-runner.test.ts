import { expect } from 'chai'
import { processRunner } from './process-runner.js'

describe('processRunner()', () => {
  const run = processRunner({ PATH: process.env.PATH, LAB_BASE: 'base' })
  const node = (code: string, extra: string[] = []) => ({
    name: 'node',
    bin: process.execPath,
    args: ['-e', code, ...extra],
  })

  it('returns the exit code and both outputs without throwing', async () => {
    const r = await run(
      node('process.stdout.write("out"); process.stderr.write("err"); process.exit(3)')
    )
    expect(r).to.deep.equal({ code: 3, stdout: 'out', stderr: 'err' })
  })

  it('passes arguments as they are (no shell), stdin and the environment through', async () => {
    const code =
      'process.stdin.pipe(process.stdout); process.stderr.write(process.argv[1] + "|" + process.env.LAB_BASE + process.env.LAB_X)'
    const r = await run({
      ...node(code, ["it's $HOME `id`"]),
      input: 'stdin text',
      env: { LAB_X: '+x' },
    })
    expect(r).to.deep.equal({ code: 0, stdout: 'stdin text', stderr: "it's $HOME `id`|base+x" })
  })

  it('reports a missing program as exit 127 naming it', async () => {
    const r = await run({ name: 'nope', bin: '/nonexistent/nope', args: [] })
    expect(r.code).to.equal(127)
    expect(r.stderr).to.contain('/nonexistent/nope')
  })

  it('ends a program that runs past its timeout', async () => {
    // Were it not ended, the test would time out (its program runs for a minute).
    const r = await run({ ...node('setTimeout(() => {}, 60000)'), timeoutMs: 200 })
    expect(r.code).to.equal(128)
  })
})
