import { expect } from 'chai'
import { Refs } from '../client/index.js'
import {
  createNamespace,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '../testing/controllers/controller-helpers.js'
import { scaledClock } from '../util/index.js'
import { MeshWatcher } from './mesh-watcher.js'

const mesh = (tracing: boolean) => `enableTracing: ${String(tracing)}\nmixerReportServer: ""\n`

describe('MeshWatcher', () => {
  let t: TestCluster
  let w: MeshWatcher
  before(async () => {
    t = await startTestCluster({ controllers: [] })
    await createNamespace(t.client, 'istio-system')
    await t.client.create(Refs.configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: { mesh: mesh(true) },
    })
    w = new MeshWatcher(t.client, scaledClock(1))
    await w.start()
  })
  after(async () => {
    w.stop()
    await t.stop()
  })

  it('keeps the parsed mesh config across other changes and reads a changed ConfigMap again', async () => {
    await waitFor('the mesh config', () => w.objects().meshConfig.enableTracing === true)
    const parsed = w.objects().meshConfig
    // A pod-side change rebuilds the objects but not the mesh config.
    await t.client.create(Refs.configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'other', namespace: 'istio-system' },
    })
    await createNamespace(t.client, 'onap')
    await t.client.create(Refs.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'onap' },
      spec: { ports: [{ port: 80 }] },
    })
    await waitFor('the Service', () => w.objects().services.length > 0)
    expect(w.objects().meshConfig).to.equal(parsed)
    // The ConfigMap itself changed: its new text is what the mesh sees.
    const cm = await t.client.get(Refs.configMaps, 'istio', 'istio-system')
    await t.client.update(Refs.configMaps, { ...cm, data: { mesh: mesh(false) } })
    await waitFor('tracing off', () => w.objects().meshConfig.enableTracing === false)
    expect(w.objects().meshConfig).to.not.equal(parsed)
  })
})
