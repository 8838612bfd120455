import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runChecksAgainst, type CheckOutcome } from '../specs/checks/index.js'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../src/lab/index.js'
import { KUBECTL, ROOT, run, until } from './support/lab-fixture.js'

/** A full lab (the whole install sequence) in a temp state dir, for breaking on purpose. */
async function fullLab(policy: 'enabled' | 'disabled') {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-neg-'))
  const opts = resolveLabOptions(ROOT, { stateDir, policy }, {})
  const quiet = { line: () => undefined, write: () => undefined, tty: false }
  await upLab(ROOT, opts, quiet)
  const kubeconfig = new StateDir(stateDir).kubeconfig
  const env = { PATH: process.env.PATH, HOME: stateDir, KUBECONFIG: kubeconfig }
  return {
    kubeconfig,
    kubectl: (args: string[]) => run(KUBECTL, args, env),
    checks: (names: string[]) =>
      runChecksAgainst(kubeconfig, (c) => names.includes(c.name), { LAB_POLICY: policy }),
    stop: async () => {
      await stopDaemon(new StateDir(stateDir))
      rmSync(stateDir, { recursive: true, force: true })
    },
  }
}

const failed = (outcomes: CheckOutcome[], name: string) => {
  const o = outcomes.find((x) => x.name === name)
  expect(o, `check ${name} ran`).to.not.equal(undefined)
  expect(o!.result, `check ${name} should fail`).to.equal('failed')
  return o!.message
}

describe('the spec suite fails on a lab broken on purpose', function () {
  this.timeout(180_000)
  let lab: Awaited<ReturnType<typeof fullLab>>

  before(async () => {
    lab = await fullLab('disabled')
  })
  after(async () => lab?.stop())

  it('passes every check on the freshly installed lab', async () => {
    const outcomes = await runChecksAgainst(lab.kubeconfig, () => true, { LAB_POLICY: 'disabled' })
    expect(
      outcomes.filter((o) => o.result === 'failed').map((o) => `${o.name}: ${o.message}`)
    ).to.deep.equal([])
  })

  it('names the deleted service', async () => {
    await lab.kubectl(['delete', 'service', 'msb-iag', '-n', 'onap'])
    const msg = failed(await lab.checks(['onap-services']), 'onap-services')
    expect(msg).to.match(/missing\s+msb-iag\s+msb\s+NodePort\s+80:30280\/TCP,443:30283\/TCP/)
  })

  it('names the deployment scaled to 0, with expected and actual rows', async () => {
    await lab.kubectl(['scale', 'deployment.apps', 'vfc-vfc-catalog', '-n', 'onap', '--replicas=0'])
    await until(
      'the catalog pod to go',
      async () =>
        (
          await lab.kubectl(['get', 'pods', '-n', 'onap', '-l', 'app=vfc-catalog', '--no-headers'])
        ).stdout.trim() === ''
    )
    const out = await lab.checks(['onap-pods', 'deployments-available'])
    expect(failed(out, 'onap-pods')).to.match(/missing\s+vfc-vfc-catalog\s.*2\/2/)
    expect(failed(out, 'deployments-available')).to.contain('vfc-vfc-catalog')
  })

  it('names the pod that lost its sidecar when its template drops the annotation', async () => {
    const patch =
      '[{"op":"remove","path":"/spec/template/metadata/annotations/sidecar.istio.io~1inject"}]'
    const r = await lab.kubectl([
      'patch',
      'deployment.apps',
      'msb-msb-discovery',
      '-n',
      'onap',
      '--type=json',
      '-p',
      patch,
    ])
    expect(r.code, r.stderr).to.equal(0)
    await until('the new discovery pod at 2/2', async () =>
      /\s2\/2\s+Running\s/.test(
        (
          await lab.kubectl([
            'get',
            'pods',
            '-n',
            'onap',
            '-l',
            'app=msb-discovery',
            '--no-headers',
          ])
        ).stdout
      )
    )
    const msg = failed(await lab.checks(['onap-pods']), 'onap-pods')
    expect(msg).to.match(/expected\s+msb-msb-discovery\s.*3\/3/)
    expect(msg).to.match(/actual\s+msb-msb-discovery\s+msb-msb-discovery-\S+\s+2\/2 \*/)
  })

  it('names the namespace label and the pod recreated without injection', async () => {
    await lab.kubectl(['label', 'namespace', 'onap', 'istio-injection-'])
    await lab.kubectl(['delete', 'pod', '-n', 'onap', '-l', 'app=msb-consul', '--wait=false'])
    await until('a new consul pod at 1/1', async () =>
      /\s1\/1\s+Running\s/.test(
        (await lab.kubectl(['get', 'pods', '-n', 'onap', '-l', 'app=msb-consul', '--no-headers']))
          .stdout
      )
    )
    const out = await lab.checks(['namespace-labels', 'onap-pods'])
    expect(failed(out, 'namespace-labels')).to.match(/actual\s+onap\s.*""/)
    expect(failed(out, 'onap-pods')).to.match(
      /actual\s+msb-msb-consul\s+msb-msb-consul-\S+\s+1\/2 \*|actual\s+msb-msb-consul\s+msb-msb-consul-\S+\s+1\/1 \*/
    )
  })
})

describe('the lab with --policy enabled', function () {
  this.timeout(180_000)
  let lab: Awaited<ReturnType<typeof fullLab>>

  before(async () => {
    lab = await fullLab('enabled')
  })
  after(async () => lab?.stop())

  it('gives every onap pod its sidecar unless its annotation says false, and the specs agree', async () => {
    const outcomes = await runChecksAgainst(lab.kubeconfig, () => true, { LAB_POLICY: 'enabled' })
    expect(
      outcomes.filter((o) => o.result === 'failed').map((o) => `${o.name}: ${o.message}`)
    ).to.deep.equal([])
    const ems = await lab.kubectl([
      'get',
      'pods',
      '-n',
      'onap',
      '-l',
      'app=vfc-ems-driver',
      '--no-headers',
    ])
    expect(ems.stdout).to.match(/\s2\/2\s+Running\s/)
  })

  it('fails the disabled-policy expectations (the specs can tell the policies apart)', async () => {
    const outcomes = await runChecksAgainst(lab.kubeconfig, (c) => c.name === 'onap-pods', {
      LAB_POLICY: 'disabled',
    })
    expect(outcomes[0]!.result).to.equal('failed')
    expect(outcomes[0]!.message).to.match(/vfc-vfc-ems-driver/)
  })
})
