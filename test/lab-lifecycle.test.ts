import { expect } from 'chai'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateDir } from '../src/backends/state-dir.js'
import { KUBECTL, ROOT, run } from './support/lab-fixture.js'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

describe('lab:up, lab:status and lab:down as a user runs them', function () {
  this.timeout(180_000)
  const stateDir = join(mkdtempSync(join(tmpdir(), 'mesh-lab-life-')), 'lab')
  const env = { PATH: process.env.PATH, HOME: tmpdir(), CI: 'true' }
  const script = (name: string, args: string[] = []) =>
    run(
      TSX,
      [join(ROOT, 'scripts', `${name}.ts`), '--state-dir', stateDir, ...args],
      env,
      undefined,
      120_000
    )

  after(async () => {
    await script('lab-down')
    rmSync(join(stateDir, '..'), { recursive: true, force: true })
  })

  it('stands up the cluster alone with --until cluster and writes the transcript', async () => {
    const r = await script('lab-up', ['--until', 'cluster'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.contain('✓ Creating the master')
    expect(r.stdout).to.contain('✓ Joining the workers')
    expect(r.stdout).to.not.contain('Installing Istio')
    const transcript = readFileSync(join(stateDir, 'transcript'), 'utf8')
    // Only what really ran: one `kubeadm init` on the master, no planned line besides it.
    expect(transcript.match(/^kubeadm init.*$/gm)).to.deep.equal(['kubeadm init'])
    expect(transcript).to.match(
      /kubeadm join \S+ --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}/
    )
    const ns = await run(KUBECTL, ['get', 'namespaces', '-o', 'name'], {
      ...env,
      KUBECONFIG: join(stateDir, 'kubeconfig'),
    })
    expect(ns.stdout).to.not.contain('istio-system')
  })

  it('says a lab that is up is already up, and lab:status shows its nodes', async () => {
    const again = await script('lab-up')
    expect(again.code).to.equal(0)
    expect(again.stdout).to.contain('The lab is already up')
    const status = await script('lab-status')
    expect(status.code).to.equal(0)
    expect(status.stdout).to.match(/onap-mesh-control-plane\s+Ready\s+master/)
  })

  it('reports a daemon that died, and lab:up cleans it up and starts again', async () => {
    const state = new StateDir(stateDir)
    process.kill(Number(state.read('pid')), 'SIGKILL')
    // A big process takes a moment to die; poll rather than guess how long.
    for (let i = 0; i < 100 && state.livePid() !== undefined; i++)
      await new Promise((r) => setTimeout(r, 100))
    const status = await script('lab-status')
    expect(status.code).to.equal(1)
    expect(status.stdout).to.contain('died')
    const up = await script('lab-up', ['--until', 'cluster'])
    expect(up.code, up.stderr).to.equal(0)
    expect(up.stdout).to.contain('Removing the state of a lab whose daemon')
    expect((await script('lab-status')).code).to.equal(0)
  })

  it('lab:down stops the daemon and removes the state; lab:status then says no lab is up', async () => {
    const down = await script('lab-down')
    expect(down.stdout).to.contain('Lab stopped and removed.')
    expect(existsSync(stateDir)).to.equal(false)
    const status = await script('lab-status')
    expect(status.code).to.equal(1)
    expect(status.stdout).to.contain('No lab is up.')
  })
})
