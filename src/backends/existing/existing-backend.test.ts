import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fakeRunner } from '../../testing/install/fake-runner.js'
import { repoLabOptions, ROOT } from '../../testing/install/lab-options.js'
import type { BackendOptions } from '../backend.js'
import { ExistingBackend } from './existing-backend.js'

describe('ExistingBackend', () => {
  let dir = ''
  let kubeconfig = ''
  let opts: BackendOptions
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'existing-'))
    kubeconfig = join(dir, 'admin.conf')
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n')
    opts = {
      ...repoLabOptions(),
      backend: 'existing',
      kubeconfig,
      stateDir: join(dir, '.lab'),
    }
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('uses the given kubeconfig once its cluster answers', async () => {
    const runner = fakeRunner()
    expect(
      (await new ExistingBackend({ root: ROOT, run: runner.run }).up(opts)).kubeconfig
    ).to.equal(kubeconfig)
    expect(runner.calls).to.deep.equal(['kubectl version -o json'])
  })

  it('says so when the kubeconfig is missing or its cluster does not answer', async () => {
    const down = fakeRunner(() => ({
      code: 1,
      stderr: 'Unable to connect to the server: dial tcp 10.12.5.104:6443: i/o timeout\n',
    }))
    const backend = new ExistingBackend({ root: ROOT, run: down.run })
    const missing = await backend
      .up({ ...opts, kubeconfig: join(dir, 'nope') })
      .catch((e: Error) => e)
    expect((missing as Error).message).to.equal(
      `the kubeconfig ${join(dir, 'nope')} does not exist (--kubeconfig)`
    )
    const silent = await backend.up(opts).catch((e: Error) => e)
    expect((silent as Error).message).to.equal(
      `the cluster of ${kubeconfig} does not answer: Unable to connect to the server: dial tcp 10.12.5.104:6443: i/o timeout`
    )
  })

  it('removes only what the install put there: releases, onap, Istio', async () => {
    const runner = fakeRunner()
    await new ExistingBackend({ root: ROOT, run: runner.run }).down(opts)
    expect(runner.calls).to.deep.equal([
      'helm uninstall multicloud --namespace onap --ignore-not-found',
      'helm uninstall vfc --namespace onap --ignore-not-found',
      'helm uninstall msb --namespace onap --ignore-not-found',
      'helm uninstall common --namespace onap --ignore-not-found',
      'kubectl delete namespace onap --ignore-not-found',
      `kubectl delete -f ${ROOT}/fixtures/istio/istio.yaml --ignore-not-found`,
    ])
  })
})
