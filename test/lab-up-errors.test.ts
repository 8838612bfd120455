import { expect } from 'chai'
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, run } from './support/lab-fixture.js'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

/** Runs `npm run lab:up` as a user would (the script itself), in a private state dir. */
async function labUp(args: string[]) {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-err-'))
  rmSync(stateDir, { recursive: true })
  const r = await run(
    TSX,
    [join(ROOT, 'scripts', 'lab-up.ts'), '--state-dir', stateDir, ...args],
    { PATH: process.env.PATH, HOME: tmpdir(), CI: 'true' },
    undefined,
    120_000
  )
  return { ...r, stateDir, all: r.stdout + r.stderr }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(false)))
    s.once('error', () => resolve(true))
  })
}

describe('lab:up on bad input', function () {
  this.timeout(240_000)

  it('names the file, line and field of a bad scenario schedule before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-scenario-'))
    const file = join(dir, 'bad.yaml')
    writeFileSync(
      file,
      'apiVersion: onap-mesh-lab/v1alpha1\nkind: Scenario\nschedule:\n  - at: 3s\n    powerOff: onap-mesh-worker9\n'
    )
    try {
      const r = await labUp(['--until', 'cluster', '--scenario', file])
      expect(r.code).to.equal(1)
      expect(r.all).to.contain(`${file}:4: schedule[0].powerOff: no node named "onap-mesh-worker9"`)
      expect(existsSync(r.stateDir), 'no state left').to.equal(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names the step and the missing chart directory, and leaves the machine clean', async () => {
    const r = await labUp(['--charts', '/nonexistent/oom/kubernetes'])
    expect(r.code).to.equal(1)
    expect(r.all).to.contain('✗ Building the ONAP charts (make all)')
    expect(r.all).to.contain('/nonexistent/oom/kubernetes')
    expect(existsSync(r.stateDir), 'state dir removed').to.equal(false)
    // With a user's lab holding 8879, this lab's repository took another port: that one must be free.
    const took = /the chart repository took port (\d+)/.exec(r.all)?.[1]
    expect(await portFree(took ? Number(took) : 8879), 'chart repository stopped').to.equal(true)
  })

  it('names a broken chart with helm’s message and the chart’s path', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'mesh-lab-charts-'))
    cpSync(join(ROOT, 'fixtures', 'charts'), tree, { recursive: true })
    writeFileSync(
      join(tree, 'msb', 'Chart.yaml'),
      'apiVersion: v1\nname: msb\nversion: [not a version\n'
    )
    try {
      const r = await labUp(['--charts', tree])
      expect(r.code).to.equal(1)
      expect(r.all).to.contain('✗ Building the ONAP charts (make all)')
      expect(r.all).to.contain(join(tree, 'msb'))
      expect(existsSync(r.stateDir)).to.equal(false)
    } finally {
      rmSync(tree, { recursive: true, force: true })
    }
  })

  it('refuses a wrong join token with kubeadm’s text at the join step', async () => {
    const r = await labUp(['--scenario', join(ROOT, 'fixtures', 'scenarios', 'wrong-token.yaml')])
    expect(r.code).to.equal(1)
    expect(r.all).to.contain('✗ Joining the workers')
    expect(r.all).to.contain('token id "abcdef" is invalid for this cluster or it has expired')
    expect(existsSync(r.stateDir)).to.equal(false)
  })

  it('says an explicitly chosen --repo-port is in use at the chart repository step', async () => {
    const blocker: Server = createServer((_q, s) => s.end('not helm'))
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const r = await labUp(['--repo-port', String(port), '--until', 'chart-repo'])
      expect(r.code).to.equal(1)
      expect(r.all).to.contain('✗ Starting the chart repository')
      expect(r.all).to.match(new RegExp(`port ${port} is in use`))
      expect(existsSync(r.stateDir)).to.equal(false)
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
    }
  })

  it('takes a free port, and says which, when another lab holds the default 8879', async function () {
    const blocker: Server = createServer((_q, s) => s.end('not helm'))
    const bound = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false))
      blocker.listen(8879, '127.0.0.1', () => resolve(true))
    })
    if (!bound) this.skip() // a lab of the user's holds 8879 already: the case is the same
    let stateDir = ''
    try {
      const r = await labUp(['--until', 'chart-repo'])
      stateDir = r.stateDir
      expect(r.code, r.all).to.equal(0)
      const taken =
        /port 8879 is in use \(another lab\?\): the chart repository took port (\d+)/.exec(r.all)
      expect(taken, r.all).to.not.equal(null)
      expect(Number(taken![1])).to.not.equal(8879)
      expect(await portFree(Number(taken![1])), 'the lab serves its charts there').to.equal(false)
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()))
      if (stateDir)
        await run(TSX, [join(ROOT, 'scripts', 'lab-down.ts'), '--state-dir', stateDir], {
          PATH: process.env.PATH,
          HOME: tmpdir(),
        })
    }
  })

  it('says Docker is missing for --backend kind, and prints the kind plan with --dry-run', async function () {
    if ((await run('docker', ['info'], { PATH: process.env.PATH })).code === 0) this.skip() // a machine with Docker would really create the cluster
    const r = await labUp(['--backend', 'kind'])
    expect(r.code).to.equal(1)
    expect(r.all).to.contain('Docker is not available')
    const plan = await labUp(['--backend', 'kind', '--dry-run'])
    expect(plan.code, plan.all).to.equal(0)
    expect(plan.all).to.match(/kind create cluster --name onap-mesh --config \S+kind-config\.yaml/)
  })

  it('keeps the lab with --retain and says where it is', async () => {
    const r = await labUp(['--charts', '/nonexistent/oom/kubernetes', '--retain'])
    expect(r.code).to.equal(1)
    expect(existsSync(join(r.stateDir, 'kubeconfig')), 'retained').to.equal(true)
    await run(TSX, [join(ROOT, 'scripts', 'lab-down.ts'), '--state-dir', r.stateDir], {
      PATH: process.env.PATH,
      HOME: tmpdir(),
    })
    expect(existsSync(r.stateDir)).to.equal(false)
  })
})
