import { expect } from 'chai'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../src/lab/index.js'
import { HELM, KUBECTL, ROOT, run, until } from './support/lab-fixture.js'

// `lab:up --charts` on a tree of our own with the shape of OOM Casablanca's kubernetes/: the top
// Makefile (make-% runs a folder's own Makefile first, the umbrella last), common/ packaged by its
// nested Makefile, and the page's four releases (onap, msb, vfc, multicloud). msb's chart carries
// its ServiceAccount `msb` and kube2msb runs as it, but this tree leaves out the ClusterRoleBinding
// the real chart has: kube2msb must fail as on a real cluster, then work once the binding exists.
const TESTDATA = join(ROOT, 'src', 'install', 'testdata', 'oom-tree', 'kubernetes')
const FIXTURES = join(ROOT, 'fixtures', 'charts')
const CHARTS = ['common', 'onap', 'msb', 'vfc', 'multicloud']

function buildTree(): string {
  const tree = join(mkdtempSync(join(tmpdir(), 'mesh-lab-oom-')), 'kubernetes')
  for (const chart of CHARTS) cpSync(join(FIXTURES, chart), join(tree, chart), { recursive: true })
  cpSync(join(TESTDATA, 'Makefile'), join(tree, 'Makefile'))
  cpSync(join(TESTDATA, 'common', 'Makefile'), join(tree, 'common', 'Makefile'))
  // The account without its binding (the fixture's template holds both: keep the account only).
  const sa = join(tree, 'msb', 'templates', 'serviceaccount.yaml')
  writeFileSync(sa, readFileSync(sa, 'utf8').split('\n---\n')[0]!)
  // The umbrella depends on the charts this tree has (a real tree has every one it names).
  const req = join(tree, 'onap', 'requirements.yaml')
  const deps = parse(readFileSync(req, 'utf8')) as { dependencies: { name: string }[] }
  const present = deps.dependencies.filter((d) => CHARTS.includes(d.name))
  writeFileSync(req, stringify({ dependencies: present }))
  return tree
}

describe('lab:up --charts on an OOM-shaped tree', function () {
  this.timeout(300_000)
  let stateDir = ''
  let tree = ''
  let env: NodeJS.ProcessEnv = {}
  const kubectl = (args: string[]) => run(KUBECTL, args, env)

  before(async () => {
    tree = buildTree()
    stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-oom-state-'))
    const opts = resolveLabOptions(ROOT, { stateDir, repoPort: 0, charts: tree }, {})
    await upLab(ROOT, opts, { line: () => undefined, write: () => undefined, tty: false })
    env = {
      PATH: process.env.PATH,
      HOME: stateDir,
      KUBECONFIG: new StateDir(stateDir).kubeconfig,
      HELM_CACHE_HOME: join(stateDir, 'helm-cache'),
      HELM_CONFIG_HOME: join(stateDir, 'helm-config'),
      HELM_DATA_HOME: join(stateDir, 'helm-data'),
    }
  })
  after(async () => {
    if (stateDir) await stopDaemon(new StateDir(stateDir))
    rmSync(stateDir, { recursive: true, force: true })
    rmSync(join(tree, '..'), { recursive: true, force: true })
  })

  it('installs the four releases and every pod is ready', async () => {
    const ls = await run(HELM, ['ls', '-n', 'onap', '-o', 'json'], env)
    const releases = (JSON.parse(ls.stdout) as { name: string; status: string }[])
      .map((r) => `${r.name} ${r.status}`)
      .sort()
    expect(releases).to.deep.equal([
      'common deployed',
      'msb deployed',
      'multicloud deployed',
      'vfc deployed',
    ])
    const pods = JSON.parse((await kubectl(['get', 'pods', '-n', 'onap', '-o', 'json'])).stdout)
    const notReady = (
      pods.items as {
        metadata: { name: string }
        status: { conditions?: { type: string; status: string }[] }
      }[]
    )
      .filter((p) => !p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((p) => p.metadata.name)
    expect(pods.items.length).to.be.greaterThan(10)
    expect(notReady).to.deep.equal([])
    // As OOM's Makefiles order them: common's nested charts first (common/Makefile), the umbrella last.
    const packaged = readFileSync(join(stateDir, 'transcript'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('helm package '))
      .map((l) => /\/charts\/src\/(\S+) /.exec(l)?.[1])
    expect(packaged[0]).to.equal('common/common')
    expect(packaged.at(-1)).to.equal('onap')
    expect(packaged).to.include.members(['msb', 'vfc', 'multicloud'])
  })

  it('without the chart’s binding kube2msb logs the 403 and registers nothing; with it, it registers', async () => {
    const logs = async () => {
      const name = (
        await kubectl(['get', 'pods', '-n', 'onap', '-l', 'app=kube2msb', '-o', 'name'])
      ).stdout.trim()
      return (await kubectl(['logs', '-n', 'onap', name, '-c', 'kube2msb'])).stdout
    }
    const forbidden =
      'Failed to list *v1.Service: services is forbidden: User "system:serviceaccount:onap:msb" cannot list services at the cluster scope'
    await until(
      'kube2msb to log the 403',
      async () => (await logs()).includes(forbidden),
      60_000,
      500
    )
    expect(await logs()).to.not.match(/register service:/)
    const crb = await kubectl([
      'create',
      'clusterrolebinding',
      'onap-msb-binding',
      '--clusterrole=cluster-admin',
      '--serviceaccount=onap:msb',
    ])
    expect(crb.code, crb.stderr).to.equal(0)
    // The refused lists are retried: the same kube2msb now lists and registers.
    await until(
      'kube2msb to register',
      async () => /register service:\S+ returned code:201/.test(await logs()),
      60_000,
      500
    )
  })
})
