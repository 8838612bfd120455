import { expect } from 'chai'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { clientEnv, installPaths } from '../src/install/index.js'
import { encodeSnapshot, execOnMachine, readSnapshotFile } from '../src/lab/index.js'
import { HELM, KUBECTL, ROOT, run, until } from './support/lab-fixture.js'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const MASTER = 'onap-mesh-control-plane'
/** What `kubectl get -A -o yaml` compares: every kind the changes touch, and what they make. */
const KINDS =
  'namespaces,nodes,pods,deployments.apps,replicasets.apps,daemonsets.apps,services,endpoints,configmaps,secrets,serviceaccounts,events'
/**
 * Fields that differ between the original and the restored lab because time went on, not because
 * the state differs: the kubelets' heartbeats (and so the Nodes' resourceVersions) and
 * managedFields timestamps.
 */
const IGNORED = [
  'Node metadata.resourceVersion',
  'Node status.conditions[].lastHeartbeatTime',
  'any metadata.managedFields[].time',
]

const WEB = readFileSync(join(ROOT, 'test', 'testdata', 'web-nodeport.yaml'), 'utf8')

type Obj = Record<string, unknown> & { kind?: string; metadata?: Record<string, unknown> }

function normalise(list: { items: Obj[] }): Obj[] {
  return list.items.map((o) => {
    const c = structuredClone(o)
    for (const m of (c.metadata?.managedFields as Obj[] | undefined) ?? []) delete m.time
    if (c.kind === 'Node') {
      delete c.metadata!.resourceVersion
      for (const cond of ((c.status as Obj).conditions as Obj[]) ?? [])
        delete cond.lastHeartbeatTime
    }
    return c
  })
}

describe('lab:snapshot and lab:up --from-snapshot', function () {
  this.timeout(300_000)
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-snap-'))
  const [a, b, c] = ['a', 'b', 'c'].map((d) => join(base, d)) as [string, string, string]
  const file = join(base, 'lab.snap')
  const env = { PATH: process.env.PATH, HOME: base, CI: 'true' }
  const script = (name: string, args: string[]) =>
    run(TSX, [join(ROOT, 'scripts', `${name}.ts`), ...args], env, undefined, 150_000)
  const clients = (dir: string) => ({
    ...env,
    ...clientEnv(join(dir, 'kubeconfig'), installPaths(dir)),
  })
  const kubectl = (dir: string, args: string[]) => run(KUBECTL, args, clients(dir))
  const helm = (dir: string, args: string[]) => run(HELM, args, clients(dir))
  const ok = async (p: Promise<{ code: number; stdout: string; stderr: string }>) => {
    const r = await p
    expect(r.code, r.stderr).to.equal(0)
    return r.stdout
  }
  const allReady = async (dir: string, want: number) => {
    const pods = JSON.parse(await ok(kubectl(dir, ['get', 'pods', '-A', '-o', 'json']))) as {
      items: { metadata: { deletionTimestamp?: string }; status: { conditions?: Obj[] } }[]
    }
    const ready = pods.items.filter(
      (p) =>
        !p.metadata.deletionTimestamp &&
        p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')
    )
    return ready.length === pods.items.length && ready.length >= want
  }

  after(async () => {
    for (const d of [a, b, c]) await script('lab-down', ['--state-dir', d])
    rmSync(base, { recursive: true, force: true })
  })

  let before: Obj[] = []
  let rv = 0
  let nodePortUrl = ''
  let repoUrl = ''

  it('snapshots a lab after a scale, a deleted pod, a patched Service and a helm release', async () => {
    await ok(script('lab-up', ['--state-dir', a, '--until', 'cluster', '--repo-port', '0']))
    writeFileSync(join(base, 'web.yaml'), WEB)
    await ok(kubectl(a, ['apply', '-f', join(base, 'web.yaml')]))
    await ok(kubectl(a, ['scale', 'deployment', 'web', '--replicas=3']))
    await ok(
      kubectl(a, ['patch', 'service', 'web', '-p', '{"metadata":{"labels":{"patched":"yes"}}}'])
    )
    await until('3 web pods ready', () => allReady(a, 3 + 10), 60_000, 300)
    const victim = (await ok(kubectl(a, ['get', 'pods', '-l', 'app=web', '-o', 'name']))).split(
      '\n'
    )[0]!
    await ok(kubectl(a, ['delete', victim]))
    // The page's chart repository (helm serve on the master machine) and a release from it.
    const served = await execOnMachine(join(a, 'machines.sock'), MASTER, [
      'helm',
      'serve',
      '--repo-path',
      join(a, 'charts', 'dist'),
      '--address',
      '127.0.0.1:0',
    ])
    repoUrl = /Now serving you on (\S+)/.exec(served.stdout)![1]!
    await ok(helm(a, ['create', join(base, 'snapdemo')]))
    await ok(helm(a, ['package', join(base, 'snapdemo'), '-d', join(a, 'charts', 'dist')]))
    await ok(helm(a, ['repo', 'index', join(a, 'charts', 'dist'), '--url', repoUrl]))
    await ok(helm(a, ['repo', 'add', 'local', repoUrl]))
    await ok(helm(a, ['install', 'demo', 'local/snapdemo', '--namespace', 'default']))
    await until('every pod ready', () => allReady(a, 3 + 10 + 1), 90_000, 300)
    const svc = JSON.parse(await ok(kubectl(a, ['get', 'service', 'web', '-o', 'json']))) as {
      spec: { ports: { nodePort: number }[] }
    }
    const node = JSON.parse(await ok(kubectl(a, ['get', 'node', MASTER, '-o', 'json']))) as {
      status: { addresses: { type: string; address: string }[] }
    }
    const ip = node.status.addresses.find((x) => x.type === 'InternalIP')!.address
    nodePortUrl = `http://${ip}:${svc.spec.ports[0]!.nodePort}/`
    await until(
      'the NodePort answers',
      async () => (await fetch(nodePortUrl).catch(() => undefined))?.ok ?? false
    )

    const out = await ok(script('lab-snapshot', ['--state-dir', a, '--out', file]))
    before = normalise(
      parse(await ok(kubectl(a, ['get', '-A', '-o', 'yaml', KINDS]))) as { items: Obj[] }
    )
    expect(out).to.contain(`Restore it with: npm run lab:up -- --from-snapshot`)
    rv = readSnapshotFile(file).header.rv
    expect(rv).to.be.greaterThan(0)
    expect(readFileSync(file).subarray(0, 2)).to.deep.equal(Buffer.from([0x1f, 0x8b])) // gzip
    await ok(script('lab-down', ['--state-dir', a]))
  })

  it('restores it: the same objects (names, UIDs, resourceVersions), nothing recreated', async function () {
    if (!before.length) this.skip()
    const up = await ok(script('lab-up', ['--state-dir', b, '--from-snapshot', file]))
    expect(up).to.contain(`at resourceVersion ${rv}`)
    const after = normalise(
      parse(await ok(kubectl(b, ['get', '-A', '-o', 'yaml', KINDS]))) as { items: Obj[] }
    )
    const key = (o: Obj) =>
      `${o.kind}/${String(o.metadata?.namespace ?? '')}/${String(o.metadata?.name)}`
    expect(after.map(key), `ignoring ${IGNORED.join('; ')}`).to.deep.equal(before.map(key))
    for (let i = 0; i < before.length; i++)
      expect(after[i], key(before[i]!)).to.deep.equal(before[i])
  })

  it('answers as before on its NodePort and chart repository; helm still knows its release', async function () {
    if (!before.length) this.skip()
    await until(
      'the NodePort answers',
      async () => (await fetch(nodePortUrl).catch(() => undefined))?.ok ?? false
    )
    const index = await fetch(`${repoUrl}/index.yaml`)
    expect(index.status).to.equal(200)
    expect(await index.text()).to.contain('snapdemo')
    expect(await ok(helm(b, ['list', '-n', 'default']))).to.match(/demo\s+default\s+1\s+.*deployed/)
    await ok(helm(b, ['repo', 'update']))
    expect(await ok(helm(b, ['search', 'repo', 'local/snapdemo']))).to.contain('local/snapdemo')
  })

  it('serves a watch from the snapshot resourceVersion, and its controllers go on', async function () {
    if (!before.length) this.skip()
    const victim = (await ok(kubectl(b, ['get', 'pods', '-l', 'app=web', '-o', 'name']))).split(
      '\n'
    )[0]!
    await ok(kubectl(b, ['delete', victim, '--wait=false']))
    const watch = await ok(
      kubectl(b, [
        'get',
        '--raw',
        `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=2`,
      ])
    )
    const events = watch
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: Obj })
    expect(events.length).to.be.greaterThan(0)
    for (const e of events) expect(Number(e.object.metadata!.resourceVersion)).to.be.greaterThan(rv)
    expect(events.some((e) => `pod/${String(e.object.metadata!.name)}` === victim)).to.equal(true)
    // The journal goes on in the restored lab: who deleted the pod, and its end.
    const name = victim.slice('pod/'.length)
    await until('the journal shows the deletion', async () => {
      const j = await script('lab-events', [
        '--state-dir',
        b,
        '--since-rv',
        String(rv),
        '--grep',
        name,
      ])
      return (
        /kubectl +updated pods default\//.test(j.stdout) &&
        j.stdout.includes(`deleted pods default/${name}`)
      )
    })
    await until('the web Deployment has 3 ready pods again', async () => {
      const d = JSON.parse(await ok(kubectl(b, ['get', 'deployment', 'web', '-o', 'json']))) as {
        status: { readyReplicas?: number }
      }
      return d.status.readyReplicas === 3
    })
  })

  it('refuses a truncated snapshot, or one of another lab version naming both, and leaves no state', async function () {
    if (!before.length) this.skip()
    const data = readFileSync(file)
    const cut = join(base, 'cut.snap')
    writeFileSync(cut, data.subarray(0, Math.floor(data.length / 2)))
    const r1 = await script('lab-up', ['--state-dir', c, '--from-snapshot', cut])
    expect(r1.code).to.equal(1)
    expect(r1.stderr).to.contain(`failed to read the snapshot ${cut}: the file is truncated`)
    expect(existsSync(c)).to.equal(false)
    const snap = readSnapshotFile(file)
    snap.header.labVersion = '0.0.1-old'
    const old = join(base, 'old.snap')
    writeFileSync(old, encodeSnapshot(snap))
    const r2 = await script('lab-up', ['--state-dir', c, '--from-snapshot', old])
    expect(r2.code).to.equal(1)
    expect(r2.stderr).to.match(
      /written by onap-mesh-lab 0\.0\.1-old, and this is onap-mesh-lab \d+\.\d+\.\d+/
    )
    expect(existsSync(c)).to.equal(false)
  })
})
