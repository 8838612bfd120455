import { expect } from 'chai'
import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, run } from '../support/lab-fixture.js'
import { until } from './https-client.js'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

/** Starts `npm run lab:up` under umask 000 (as a careless shell would have it). */
function npmLabUp(stateDir: string, args: string[]) {
  const child = spawn(
    'sh',
    ['-c', `umask 000; exec npm run --silent lab:up -- --state-dir "$0" "$@"`, stateDir, ...args],
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (out += c.toString()))
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code, sig) => r(code ?? (sig ? 128 : null)))
  )
  return { child, exited, output: () => out }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return !/\) [ZX] /.test(stat)
}

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8)

// Finding 3 (an interrupted lab:up) and finding 9 (file modes whatever the umask).
describe('reliability: interrupted lab:up', function () {
  this.timeout(120_000)
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-intr-'))
  const env = { PATH: process.env.PATH, HOME: tmpdir(), CI: 'true' }
  const script = (name: string, dir: string, args: string[] = []) =>
    run(
      TSX,
      [join(ROOT, 'scripts', `${name}.ts`), '--state-dir', dir, ...args],
      env,
      undefined,
      90_000
    )

  after(async () => {
    for (const d of ['plain', 'retained']) await script('lab-down', join(base, d))
    rmSync(base, { recursive: true, force: true })
  })

  it('SIGTERM to `npm run lab:up` reaches lab:up, which removes the daemon and state it started', async () => {
    const dir = join(base, 'plain')
    const up = npmLabUp(dir, [])
    expect(await until(() => existsSync(join(dir, 'ready')), 60_000), up.output()).to.equal(true)
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'))
    up.child.kill('SIGTERM')
    expect(await up.exited).to.not.equal(0)
    expect(await until(() => !alive(pid), 10_000), 'daemon stopped').to.equal(true)
    expect(existsSync(dir), up.output()).to.equal(false)
    expect(up.output()).to.contain('Interrupted by SIGTERM')
    const status = await script('lab-status', dir)
    expect(status.code).to.equal(1)
    expect(status.stdout).to.contain('No lab is up')
  })

  it('with --retain marks the lab incomplete: lab:status exits 1, the next lab:up rebuilds it', async () => {
    const dir = join(base, 'retained')
    // The state dir already exists, world-writable: lab:up must tighten it all the same.
    mkdirSync(dir, { recursive: true })
    chmodSync(dir, 0o777)
    const up = npmLabUp(dir, ['--retain', '--until', 'cluster'])
    expect(await until(() => existsSync(join(dir, 'ready')), 60_000), up.output()).to.equal(true)
    up.child.kill('SIGTERM')
    expect(await up.exited).to.not.equal(0)
    expect(up.output()).to.contain('left incomplete')
    // Finding 9: modes independent of the umask (000 here).
    expect(mode(dir)).to.equal('700')
    for (const f of ['kubeconfig', 'ca.key', 'apiserver.key', 'daemon.log', 'machines.sock'])
      expect(mode(join(dir, f)), f).to.equal('600')
    const status = await script('lab-status', dir)
    expect(status.code).to.equal(1)
    expect(status.stdout).to.contain('The lab is incomplete').and.contain('interrupted by SIGTERM')
    const again = await script('lab-up', dir, ['--until', 'cluster'])
    expect(again.code, again.stderr).to.equal(0)
    expect(again.stdout).to.contain('is incomplete').and.contain('building it again')
    expect(mode(join(dir, 'transcript'))).to.equal('600')
    const ok = await script('lab-status', dir)
    expect(ok.code, ok.stdout).to.equal(0)
    const already = await script('lab-up', dir, ['--until', 'cluster'])
    expect(already.stdout).to.contain('already up')
  })
})
