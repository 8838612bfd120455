import { expect } from 'chai'
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execOnMachine, serveMachineSocket, StateDir } from '../../src/lab/index.js'

// Finding 9: the machine socket's mode and what it lets `helm serve` publish.
describe('reliability: machine socket and state dir modes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-sock-'))
  const ran: string[][] = []
  let close = async () => {}
  let umask = 0

  before(async () => {
    umask = process.umask(0)
    mkdirSync(join(dir, 'charts', 'dist'), { recursive: true })
    symlinkSync('/etc', join(dir, 'charts', 'escape'))
    close = await serveMachineSocket(join(dir, 'machines.sock'), (_node, argv) => {
      ran.push(argv)
      return Promise.resolve({ code: 0, stdout: 'ok\n', stderr: '' })
    })
  })
  after(async () => {
    await close()
    process.umask(umask)
    rmSync(dir, { recursive: true, force: true })
  })

  it('is mode 0600 even under umask 000', () => {
    expect((statSync(join(dir, 'machines.sock')).mode & 0o777).toString(8)).to.equal('600')
  })

  it('refuses helm serve --repo-path outside the lab chart folders, symlinks and .. included', async () => {
    const sock = join(dir, 'machines.sock')
    for (const p of [
      '/',
      '/etc',
      join(dir, 'charts', '..'),
      join(dir, 'charts', 'escape'),
      'dist/../../..',
    ]) {
      const r = await execOnMachine(sock, 'master', ['helm', 'serve', '--repo-path', p])
      expect(r.code, p).to.equal(1)
      expect(r.stderr, p).to.contain('refused')
    }
    expect(ran).to.deep.equal([])
    const ok = await execOnMachine(sock, 'master', [
      'helm',
      'serve',
      '--repo-path',
      join(dir, 'charts', 'dist'),
    ])
    expect(ok.code).to.equal(0)
    expect(ran).to.deep.equal([['helm', 'serve', '--repo-path', join(dir, 'charts', 'dist')]])
  })

  it('keeps the state dir 0700 and secrets 0600 whatever the umask, also for a dir that existed', () => {
    const sd = join(dir, 'state')
    mkdirSync(sd, { mode: 0o777 })
    const state = new StateDir(sd)
    state.write('kubeconfig', 'x', true)
    state.write('ca.crt', 'x')
    state.secretFile('transcript')
    const m = (f: string) => (statSync(join(sd, f)).mode & 0o777).toString(8)
    expect(m('.')).to.equal('700')
    expect([m('kubeconfig'), m('transcript'), m('ca.crt')]).to.deep.equal(['600', '600', '644'])
  })
})
