import { expect } from 'chai'
import { globMatcher } from './glob.js'
import { ImageBehaviourRegistry } from './image-behaviours.js'
import { defaultBehaviourRegistry } from './load-behaviours.js'
import { parseBehaviours } from './parse-behaviours.js'

const HEADER = 'apiVersion: onap-mesh-lab/v1alpha1\nkind: ImageBehaviourList\n'

describe('globMatcher()', () => {
  it('matches * across slashes and ? as one character, anchored', () => {
    expect(
      globMatcher('*oomk8s/readiness-check*')('docker.io/oomk8s/readiness-check:2.0.0')
    ).to.equal(true)
    expect(globMatcher('nginx:1.1?')('nginx:1.15')).to.equal(true)
    expect(globMatcher('nginx')('nginx:1.15')).to.equal(false)
    expect(globMatcher('a.b')('axb')).to.equal(false)
  })
})

describe('parseBehaviours()', () => {
  it("fills in each action's defaults", () => {
    const [crash, serve] = parseBehaviours(
      `${HEADER}items:\n- {name: c, images: ['x'], action: crash}\n- {name: s, images: ['y'], action: never-ready}\n`,
      'f.yaml'
    )
    expect(crash).to.include({
      action: 'crash',
      exitCode: 1,
      runSeconds: 2,
      readiness: 'pass',
      priority: 0,
    })
    expect(serve).to.include({ action: 'never-ready', readiness: 'fail', liveness: 'pass' })
  })

  it('names the file and every bad field', () => {
    const text = `${HEADER}items:\n- {name: c, images: x, action: explode, colour: red}\n- {images: ['y'], action: wait-for}\n`
    expect(() => parseBehaviours(text, 'bad.yaml')).to.throw(
      'bad.yaml: invalid behaviours:\n' +
        '  items[0].images: must be a list of strings\n' +
        '  items[0].action: must be one of serve, exit, crash, never-ready, wait-for\n' +
        '  items[0].colour: unknown field\n' +
        '  items[1].name: Required value\n' +
        '  items[1].waitFor: Required value for action wait-for'
    )
  })

  it('rejects another kind of file', () => {
    expect(() =>
      parseBehaviours('apiVersion: v1\nkind: ConfigMap\nitems: []\n', 'cm.yaml')
    ).to.throw(/want apiVersion onap-mesh-lab\/v1alpha1 and kind ImageBehaviourList/)
  })
})

describe('ImageBehaviourRegistry', () => {
  const registry = defaultBehaviourRegistry()

  it('gives unknown images the generic serve behaviour and Job pods the job behaviour', () => {
    expect(registry.resolve({ image: 'nginx:1.15', containerName: 'web' }).name).to.equal('generic')
    expect(
      registry.resolve({ image: 'nginx:1.15', containerName: 'web', ownerKind: 'ReplicaSet' }).name
    ).to.equal('generic')
    expect(
      registry.resolve({
        image: 'quay.io/coreos/hyperkube:v1.7.6_coreos.0',
        containerName: 'hyperkube',
        ownerKind: 'Job',
      })
    ).to.include({ name: 'job', action: 'exit', exitCode: 0 })
  })

  it('knows OOM readiness-check and the Istio images', () => {
    expect(
      registry.resolve({ image: 'oomk8s/readiness-check:2.0.0', containerName: 'msb-readiness' })
        .action
    ).to.equal('wait-for')
    expect(
      registry.resolve({
        image: 'gcr.io/istio-release/proxy_init:1.0.0',
        containerName: 'istio-init',
      })
    ).to.include({ action: 'exit', exitCode: 0 })
    expect(
      registry.resolve({
        image: 'gcr.io/istio-release/proxyv2:1.0.0',
        containerName: 'istio-proxy',
      }).action
    ).to.equal('serve')
  })

  it('lets later additions win over earlier ones of the same priority, and respects container names', () => {
    const r = new ImageBehaviourRegistry().add(
      parseBehaviours(`${HEADER}items:\n- {name: any, images: ['*'], action: serve}\n`, 'a')
    )
    r.add(
      parseBehaviours(
        `${HEADER}items:\n- {name: sidecar, images: ['*'], containerNames: ['istio-proxy'], action: never-ready}\n`,
        'b'
      )
    )
    expect(r.resolve({ image: 'x', containerName: 'istio-proxy' }).name).to.equal('sidecar')
    expect(r.resolve({ image: 'x', containerName: 'app' }).name).to.equal('any')
  })

  it('fails loudly when nothing matches', () => {
    expect(() => new ImageBehaviourRegistry().resolve({ image: 'x', containerName: 'c' })).to.throw(
      'no image behaviour matches image "x" (container c)'
    )
  })
})
