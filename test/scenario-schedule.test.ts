import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clientEnv, installPaths } from '../src/install/index.js'
import { readSnapshotFile } from '../src/lab/index.js'
import { KUBECTL, ROOT, run, until } from './support/lab-fixture.js'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const KILL_AT_S = 3
const FAIL_AT_S = 14

const SCENARIO = `apiVersion: onap-mesh-lab/v1alpha1
kind: Scenario
schedule:
  - at: ${KILL_AT_S}s
    name: kill-dns
    deletePod: {namespace: kube-system, selector: k8s-app=kube-dns}
  - at: ${FAIL_AT_S}s
    name: web-fails
    app: {match: {namespace: default, pod: 'web-*'}, errorRate: 1, errorStatus: 503}
`

const WEB = readFileSync(join(ROOT, 'test', 'testdata', 'web-nodeport.yaml'), 'utf8')

describe('a scenario schedule across a snapshot and a restore', function () {
  this.timeout(150_000)
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-schedule-'))
  const [a, b] = [join(base, 'a'), join(base, 'b')]
  const file = join(base, 'mid.snap')
  const env = { PATH: process.env.PATH, HOME: base, CI: 'true' }
  const script = (name: string, args: string[]) =>
    run(TSX, [join(ROOT, 'scripts', `${name}.ts`), ...args], env, undefined, 90_000)
  const kubectl = (dir: string, args: string[]) =>
    run(KUBECTL, args, { ...env, ...clientEnv(join(dir, 'kubeconfig'), installPaths(dir)) })
  const ok = async (p: Promise<{ code: number; stdout: string; stderr: string }>) => {
    const r = await p
    expect(r.code, r.stderr).to.equal(0)
    return r.stdout
  }
  const events = async (dir: string) =>
    (await ok(script('lab-events', ['--state-dir', dir, '--grep', 'scenario "']))).trim()
  const nodePort = async (dir: string) => {
    const svc = JSON.parse(await ok(kubectl(dir, ['get', 'service', 'web', '-o', 'json']))) as {
      spec: { ports: { nodePort: number }[] }
    }
    const node = JSON.parse(await ok(kubectl(dir, ['get', 'nodes', '-o', 'json']))) as {
      items: { status: { addresses: { type: string; address: string }[] } }[]
    }
    const ip = node.items[0]!.status.addresses.find((x) => x.type === 'InternalIP')!.address
    return `http://${ip}:${svc.spec.ports[0]!.nodePort}/`
  }
  const status = async (url: string) => (await fetch(url).catch(() => undefined))?.status ?? 0

  after(async () => {
    for (const d of [a, b, join(base, 'c')]) await script('lab-down', ['--state-dir', d])
    rmSync(base, { recursive: true, force: true })
  })

  let url = ''

  it('runs the entry due before the snapshot, which records the one left', async () => {
    writeFileSync(join(base, 'scenario.yaml'), SCENARIO)
    writeFileSync(join(base, 'web.yaml'), WEB)
    const up = script('lab-up', [
      '--state-dir',
      a,
      '--until',
      'cluster',
      '--repo-port',
      '0',
      '--scenario',
      join(base, 'scenario.yaml'),
    ])
    await ok(up)
    await ok(kubectl(a, ['apply', '-f', join(base, 'web.yaml')]))
    await until(
      'the kill-dns entry ran',
      async () => (await events(a)).includes('kill-dns'),
      20_000,
      200
    )
    expect(await events(a)).to.match(/scenario +scenario "kill-dns": deleted pod kube-system\/\S+/)
    await ok(script('lab-snapshot', ['--state-dir', a, '--out', file]))
    const s = readSnapshotFile(file).schedule
    expect(s, 'the snapshot has a schedule record').to.not.equal(undefined)
    expect(s!.done.map((d) => d.name)).to.deep.equal(['kill-dns'])
    expect(
      s!.left.map((d) => d.name),
      `taken at t+${s!.elapsedMs} ms`
    ).to.deep.equal(['web-fails'])
    expect(s!.elapsedMs).to.be.within(KILL_AT_S * 1000, FAIL_AT_S * 1000)
    url = await nodePort(a)
    await until('web answers', async () => (await status(url)) === 200, 30_000, 200)
    await ok(script('lab-down', ['--state-dir', a]))
  })

  it('restores it: the remaining entry runs at its remaining offset (the app fails), the first is not run again', async function () {
    if (!url) this.skip()
    const elapsed = readSnapshotFile(file).schedule!.elapsedMs
    const t0 = Date.now()
    await ok(script('lab-up', ['--state-dir', b, '--from-snapshot', file]))
    await until('web answers in the restored lab', async () => (await status(url)) > 0, 30_000, 200)
    if (Date.now() - t0 < FAIL_AT_S * 1000 - elapsed - 1000)
      expect(await status(url), 'before its time the app still answers').to.equal(200)
    await until('the app fails', async () => (await status(url)) === 503, 30_000, 200)
    const waited = Date.now() - t0
    expect(waited, 'not before its remaining offset').to.be.at.least(
      FAIL_AT_S * 1000 - elapsed - 500
    )
    const lines = (await events(b)).split('\n')
    expect(
      lines.filter((l) => l.includes('"kill-dns"')),
      lines.join('\n')
    ).to.have.length(1)
    expect(
      lines.filter((l) => l.includes('"web-fails"')),
      lines.join('\n')
    ).to.have.length(1)
    expect(lines.join('\n')).to.match(
      /"web-fails": app change errorRate 1 \(503\) on namespace=default,pod=web-\*/
    )
  })

  it('refuses a scenario whose schedule names a node the lab does not have, with file and line', async () => {
    const bad = join(base, 'bad.yaml')
    writeFileSync(bad, `${SCENARIO}  - at: 20s\n    powerOff: onap-mesh-worker9\n`)
    const r = await script('lab-up', [
      '--state-dir',
      join(base, 'c'),
      '--until',
      'cluster',
      '--scenario',
      bad,
    ])
    expect(r.code).to.equal(1)
    expect(r.stderr, r.stderr).to.contain(
      `${bad}:10: schedule[2].powerOff: no node named "onap-mesh-worker9" in the lab`
    )
  })
})
