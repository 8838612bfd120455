import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../../api/types.js'
import { Refs } from '../../client/index.js'
import {
  createNamespace,
  startTestCluster,
  type TestCluster,
} from '../../testing/controllers/controller-helpers.js'
import { ROOT } from '../../testing/install/lab-options.js'
import { injectorStateReader } from './webhook-behaviours.js'

/** The manifest's ConfigMap `name` in istio-system. */
function manifestConfigMap(name: string): KubeObject {
  const text = readFileSync(`${ROOT}/fixtures/istio/istio.yaml`, 'utf8')
  const docs = parseAllDocuments(text).map((d) => d.toJS() as KubeObject | null)
  const cm = docs.find(
    (o) =>
      o?.kind === 'ConfigMap' && o.metadata.name === name && o.metadata.namespace === 'istio-system'
  )
  if (!cm) throw new Error(`no ConfigMap ${name} in istio.yaml`)
  const { name: n, namespace } = cm.metadata
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, namespace }, data: cm['data'] }
}

describe('injectorStateReader()', () => {
  let t: TestCluster
  before(async () => {
    t = await startTestCluster({ controllers: [] })
    await createNamespace(t.client, 'istio-system')
  })
  after(() => t.stop())

  it('names a missing ConfigMap', async () => {
    const read = injectorStateReader(t.client)
    await t.client.create(Refs.configMaps, manifestConfigMap('istio'))
    const err = (await read().catch((e: unknown) => e)) as Error
    expect(err.message).to.equal(
      'failed to read injector state: ConfigMap istio-system/istio-sidecar-injector not found'
    )
  })

  it('parses the ConfigMaps once while they stay the same, and again when one changes', async () => {
    const read = injectorStateReader(t.client)
    const injector = await t.client.create<KubeObject>(
      Refs.configMaps,
      manifestConfigMap('istio-sidecar-injector')
    )
    const first = await read()
    expect(await read()).to.equal(first)
    const data = injector['data'] as Record<string, string>
    expect(data['config']).to.match(/^policy: disabled$/m)
    await t.client.update(Refs.configMaps, {
      ...injector,
      data: { config: data['config']!.replace(/^policy: disabled$/m, 'policy: enabled') },
    })
    const second = await read()
    expect(second).to.not.equal(first)
    expect(first.config.policy).to.equal('disabled')
    expect(second.config.policy).to.equal('enabled')
    expect(await read()).to.equal(second)
  })
})
