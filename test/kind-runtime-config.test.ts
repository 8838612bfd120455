import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KUBECTL, ROOT, run } from './support/lab-fixture.js'

// A kind config's runtimeConfig reaches the lab's API server as kube-apiserver's --runtime-config.
describe("lab:up with a kind config's runtimeConfig", function () {
  this.timeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-rtc-'))
  const stateDir = join(dir, 'lab')
  const env = { PATH: process.env.PATH, HOME: tmpdir(), CI: 'true' }
  const kindConfig = (runtimeConfig: string) => {
    const file = join(dir, `kind-${String(runtimeConfig.length)}.yaml`)
    const base = readFileSync(join(ROOT, 'lab', 'kind-config.yaml'), 'utf8')
    writeFileSync(file, `${base}runtimeConfig:\n${runtimeConfig}`)
    return file
  }
  const labUp = (config: string) =>
    run(
      process.execPath,
      [
        join(ROOT, 'scripts', 'lab-up.mjs'),
        '--state-dir',
        stateDir,
        '--config',
        config,
        '--until',
        'cluster',
      ],
      env,
      undefined,
      120_000
    )
  const kubectl = (args: string[]) =>
    run(KUBECTL, args, { ...env, KUBECONFIG: join(stateDir, 'kubeconfig') })

  after(async () => {
    await run(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'lab-down.ts'), '--state-dir', stateDir],
      env
    )
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a value that is not true or false, naming the file and key, and starts nothing', async () => {
    const config = kindConfig('  settings.k8s.io/v1alpha1: "yes"\n')
    const r = await labUp(config)
    expect(r.code).to.equal(1)
    expect(r.stdout + r.stderr).to.contain(
      `${config}: runtimeConfig."settings.k8s.io/v1alpha1": "yes" is not true or false`
    )
  })

  it('serves the alpha group/version it turns on, and only that one (negative: initializerconfigurations)', async () => {
    const up = await labUp(kindConfig('  settings.k8s.io/v1alpha1: "true"\n'))
    expect(up.code, up.stderr).to.equal(0)
    const resources = await kubectl([
      'api-resources',
      '--api-group',
      'settings.k8s.io',
      '-o',
      'name',
    ])
    expect(resources.stdout.trim()).to.equal('podpresets.settings.k8s.io')
    const other = await kubectl(['get', '--raw', '/apis/admissionregistration.k8s.io/v1alpha1'])
    expect(other.code).to.equal(1)
    expect(other.stderr).to.contain('NotFound')
  })
})
