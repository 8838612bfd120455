import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runChecksAgainst, type CheckOutcome } from '../specs/checks/index.js'
import { httpRequest } from '../specs/support/index.js'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../src/lab/index.js'
import { KUBECTL, ROOT, run, until } from './support/lab-fixture.js'

const MSB_CHECKS = ['msb-routes', 'msb-discovery', 'msb-swagger', 'msb-unregistered']

const outcome = (outcomes: CheckOutcome[], name: string) => {
  const o = outcomes.find((x) => x.name === name)
  expect(o, `check ${name} ran`).to.not.equal(undefined)
  return o!
}

describe('the MSB specs fail on a lab broken on purpose', function () {
  this.timeout(240_000)
  let stateDir = ''
  let kubeconfig = ''
  let kubectl: (args: string[]) => ReturnType<typeof run>
  const checks = (names: string[]) => runChecksAgainst(kubeconfig, (c) => names.includes(c.name))
  // Waits until a check fails with a message matching `want` (the lab converges in seconds).
  const failsWith = async (name: string, want: RegExp) => {
    let last: CheckOutcome | undefined
    await until(
      `${name} to fail with ${String(want)}`,
      async () => {
        last = outcome(await checks([name]), name)
        return last.result === 'failed' && want.test(last.message)
      },
      30_000,
      500
    ).catch(() => undefined)
    expect(last?.message ?? '').to.match(want)
  }

  before(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-msb-'))
    const opts = resolveLabOptions(ROOT, { stateDir, repoPort: 0 }, {})
    await upLab(ROOT, opts, { line: () => undefined, write: () => undefined, tty: false })
    kubeconfig = new StateDir(stateDir).kubeconfig
    const env = { PATH: process.env.PATH, HOME: stateDir, KUBECONFIG: kubeconfig }
    kubectl = (args) => run(KUBECTL, args, env)
  })
  after(async () => {
    if (stateDir) await stopDaemon(new StateDir(stateDir))
    rmSync(stateDir, { recursive: true, force: true })
  })

  it('passes the MSB checks once kube2msb has registered the services', async () => {
    let last: CheckOutcome[] = []
    await until(
      'the MSB checks to pass',
      async () => {
        last = await checks(MSB_CHECKS)
        return last.every((o) => o.result === 'passed')
      },
      60_000,
      1000
    ).catch(() => undefined)
    expect(
      last.filter((o) => o.result !== 'passed').map((o) => `${o.name}: ${o.message}`)
    ).to.deep.equal([])
  })

  it("names the service whose annotation was removed: its route is gone (MSB's 502)", async () => {
    const r = await kubectl([
      'annotate',
      'service',
      'multicloud-vio',
      '-n',
      'onap',
      'msb.onap.org/service-info-',
    ])
    expect(r.code, r.stderr).to.equal(0)
    await failsWith(
      'msb-routes',
      /actual\s+multicloud-vio\/v0\s+\S+\s+\/api\/multicloud-vio\/v0\/swagger\.json\s+502 No route found for this request!/
    )
    // msb-discovery agrees with the annotations that are left.
    expect(outcome(await checks(['msb-discovery']), 'msb-discovery').result).to.equal('passed')
  })

  it('names a service msb-discovery lists but no annotation asks for, and the path that stopped being unregistered', async () => {
    const node = (
      await kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[0].address}'])
    ).stdout.trim()
    const port = (
      await kubectl([
        'get',
        'service',
        'msb-discovery',
        '-n',
        'onap',
        '-o',
        'jsonpath={.spec.ports[0].nodePort}',
      ])
    ).stdout.trim()
    // Registered by hand onto msb-consul's ClusterIP: the gateway now routes the path (Consul's 404).
    const consulIP = (
      await kubectl([
        'get',
        'service',
        'msb-consul',
        '-n',
        'onap',
        '-o',
        'jsonpath={.spec.clusterIP}',
      ])
    ).stdout.trim()
    const body = JSON.stringify({
      serviceName: 'no-such-service',
      version: 'v1',
      url: '/api/no-such-service/v1',
      protocol: 'REST',
      visualRange: '1',
      nodes: [{ ip: consulIP, port: '8500' }],
    })
    const res = await httpRequest(`http://${node}:${port}/api/microservices/v1/services`, {
      method: 'POST',
      body,
    })
    expect(res.status, res.body).to.equal(201)
    const out = await checks(['msb-discovery'])
    expect(outcome(out, 'msb-discovery').message).to.match(
      /extra\s+no-such-service\/v1\s+\/api\/no-such-service\/v1\s+REST/
    )
    await failsWith('msb-unregistered', /actual\s+\S+\s+404 \*/)
  })

  it('says why a swagger URL fails when multicloud is scaled to 0', async () => {
    const r = await kubectl([
      'scale',
      'deployment.apps',
      'multicloud-multicloud',
      '-n',
      'onap',
      '--replicas=0',
    ])
    expect(r.code, r.stderr).to.equal(0)
    await failsWith(
      'msb-swagger',
      /actual\s+\/api\/multicloud\/v0\/swagger\.json\s+\S+\s+502 Bad Gateway \(the upstream did not answer\).*multicloud: 0\/0 pods ready/
    )
  })
})
