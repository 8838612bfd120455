import { expect } from 'chai'
import { type ClusterTestLab } from './support/lab-fixture.js'
import { background, startStreamingLab } from './support/streaming-fixture.js'

describe('kubectl logs on the simulated pods', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startStreamingLab()
  })
  after(async () => lab?.stop())

  it('logs -f receives lines written after it started, and stops with the client', async () => {
    const before = (await lab.kubectl(['logs', 'ticker'])).stdout.trim().split('\n').length
    const f = background(lab, ['logs', '-f', 'ticker'])
    await f.waitFor(new RegExp(`tick ${before + 3}\\n`))
    const lines = f.output().trim().split('\n')
    expect(lines.length).to.be.greaterThan(before + 3)
    expect(lines.every((l, i) => l === `tick ${i}`)).to.equal(true)
    await f.stop()
  })

  it('logs -f on a container that ended returns at once', async () => {
    await lab.kubectl([
      'run',
      'once',
      '--image=busybox:1.31',
      '--restart=Never',
      '--',
      'echo',
      'done',
    ])
    const f = background(lab, ['logs', '-f', 'once', '--pod-running-timeout=20s'])
    const code = await new Promise<number | null>((r) => f.child.on('exit', r))
    expect(code).to.equal(0)
    expect(f.output()).to.equal('done\n')
  })

  it('tail, timestamps, limit-bytes and since as kube-apiserver applies them', async () => {
    const tail = await lab.kubectl(['logs', 'ticker', '--tail=2'])
    expect(tail.stdout.trim().split('\n')).to.have.length(2)
    const ts = await lab.kubectl(['logs', 'ticker', '--tail=1', '--timestamps'])
    expect(ts.stdout).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z tick \d+\n$/)
    const limited = await lab.kubectl(['logs', 'ticker', '--limit-bytes=3'])
    expect(limited.stdout).to.equal('tic')
    const since = await lab.kubectl(['logs', 'ticker', '--since=1s'])
    const all = await lab.kubectl(['logs', 'ticker'])
    expect(since.stdout.length).to.be.greaterThan(0)
    expect(since.stdout.length).to.be.lessThan(all.stdout.length)
  })

  it('boolean parameters parse as Kubernetes parses them; bad values are refused', async () => {
    const raw = (q: string) =>
      lab.kubectl(['get', '--raw', `/api/v1/namespaces/default/pods/ticker/log?${q}`])
    expect((await raw('tailLines=1&timestamps=True')).stdout).to.match(/Z tick/)
    expect((await raw('tailLines=1&timestamps=1')).stdout).to.match(/Z tick/)
    expect((await raw('tailLines=1&timestamps=')).stdout).to.match(/Z tick/)
    expect((await raw('tailLines=1&timestamps=False')).stdout).to.match(/^tick/)
    expect((await raw('tailLines=1&timestamps=0')).stdout).to.match(/^tick/)
    const bad = await raw('tailLines=-1')
    expect(bad.stderr).to.contain(
      'tailLines: Invalid value: -1: must be greater than or equal to 0'
    )
    const both = await raw('sinceSeconds=5&sinceTime=2020-01-01T00:00:00Z')
    expect(both.stderr).to.contain('at most one of `sinceTime` or `sinceSeconds` may be specified')
  })
})
