import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import type { KubeObject } from '../api/types.js'
import { inject } from './inject.js'
import { applyInjectionPatch } from './injection-patch.js'
import { injectorStateOf, manifestObjects } from './manifest.js'
import { sidecarInjectorBehaviour, type InjectorState } from './webhook.js'

const MANIFEST = new URL('../../fixtures/istio/istio.yaml', import.meta.url)
const state = injectorStateOf(manifestObjects(readFileSync(MANIFEST, 'utf8')))
const enabled: InjectorState = { ...state, config: { ...state.config, policy: 'enabled' } }

const newPod = (extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { generateName: 'msb-iag-647d5f998c-', labels: { app: 'msb-iag' }, ...extra },
  spec: {
    containers: [{ name: 'msb-iag', image: 'msb/iag:1.2.0', ports: [{ containerPort: 80 }] }],
  },
})
const review = (object: KubeObject, operation = 'CREATE') => ({
  request: { uid: 'u-1', operation, namespace: 'onap', object },
})

describe('sidecarInjectorBehaviour()', () => {
  it('answers an injected pod with a JSON patch that yields inject()', async () => {
    const handle = sidecarInjectorBehaviour(async () => enabled)
    const pod = newPod()
    const res = await handle(review(pod))
    expect(res).to.include({ uid: 'u-1', allowed: true, patchType: 'JSONPatch' })
    expect(res.patch!.map((o) => `${o.op} ${o.path}`)).to.deep.equal([
      'add /spec/initContainers',
      'add /spec/containers/-',
      'add /spec/volumes',
      'add /spec/volumes/-',
      'add /metadata/annotations',
    ])
    // Controllers' pods carry no namespace; the request's namespace is what injection sees.
    expect(applyInjectionPatch(pod, res.patch!)).to.deep.equal(
      inject(pod, enabled.config, enabled.mesh)
    )
  })

  it('replaces a previous injection: removals first (last index first), then adds, then replace', async () => {
    const handle = sidecarInjectorBehaviour(async () => enabled)
    const once = inject(newPod(), enabled.config, enabled.mesh)
    const res = await handle(review(once))
    expect(res.patch!.map((o) => `${o.op} ${o.path}`)).to.deep.equal([
      'remove /spec/initContainers/0',
      'remove /spec/containers/1',
      'remove /spec/volumes/1',
      'remove /spec/volumes/0',
      'add /spec/initContainers/-',
      'add /spec/containers/-',
      'add /spec/volumes/-',
      'add /spec/volumes/-',
      'replace /metadata/annotations/sidecar.istio.io~1status',
    ])
    expect(applyInjectionPatch(once, res.patch!)).to.deep.equal(once)
  })

  it('adds the status annotation next to existing annotations', async () => {
    const res = await sidecarInjectorBehaviour(async () => state)(
      review(newPod({ annotations: { 'sidecar.istio.io/inject': 'yes' } }))
    )
    expect(res.patch!.at(-1)).to.include({
      op: 'add',
      path: '/metadata/annotations/sidecar.istio.io~1status',
    })
  })

  it('allows a skipped pod unchanged and says why', async () => {
    const res = await sidecarInjectorBehaviour(async () => state)(review(newPod()))
    expect(res).to.deep.equal({
      uid: 'u-1',
      allowed: true,
      reason: 'policy disabled, no inject annotation',
    })
  })

  it('reads the configuration for every review, so a ConfigMap edit affects the next pod', async () => {
    let current = state
    const handle = sidecarInjectorBehaviour(async () => current)
    expect((await handle(review(newPod()))).patch).to.equal(undefined)
    current = enabled
    expect((await handle(review(newPod()))).patch).to.not.equal(undefined)
  })

  it('denies a pod whose annotations the injector refuses', async () => {
    const res = await sidecarInjectorBehaviour(async () => enabled)(
      review(newPod({ annotations: { 'sidecar.istio.io/interceptionMode': 'bogus' } }))
    )
    expect(res.allowed).to.equal(false)
    expect(res.patch).to.equal(undefined)
    expect(res.status!.message).to.equal(
      'injection failed. Invalid value for annotation sidecar.istio.io/interceptionMode: bogus. Error: interceptionMode invalid: bogus'
    )
  })

  it('leaves other operations alone and lets a config read failure reach the caller', async () => {
    expect(
      (await sidecarInjectorBehaviour(async () => enabled)(review(newPod(), 'UPDATE'))).patch
    ).to.equal(undefined)
    const failing = sidecarInjectorBehaviour(async () =>
      Promise.reject(new Error('configmap not found'))
    )
    let err: unknown
    await failing(review(newPod())).catch((e: unknown) => (err = e))
    expect((err as Error).message).to.equal('configmap not found')
  })
})
