import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { injectPod } from './inject.js'
import { IGNORED_NAMESPACES, injectDecision, injectRequired } from './inject-required.js'
import { defaultMeshConfig } from './mesh-config.js'

const DEFAULT_MESH = defaultMeshConfig()

const TEMPLATE =
  'initContainers:\n- name: istio-init\n  image: init\ncontainers:\n- name: istio-proxy\n  image: proxy\n'
const TRUE_VALUES = ['y', 'yes', 'true', 'on', 'YES', 'True']
const ANNOTATIONS: (string | undefined)[] = [
  ...TRUE_VALUES,
  '',
  undefined,
  'false',
  'no',
  'garbage',
]

/** The 1.0.0 rules, stated independently of the implementation. */
function expected(
  annotation: string | undefined,
  policy: string,
  namespace: string,
  hostNetwork: boolean
): boolean {
  if (hostNetwork || namespace === 'kube-system') return false
  const explicitTrue = annotation !== undefined && TRUE_VALUES.includes(annotation)
  const unset = annotation === undefined || annotation === ''
  if (policy === 'enabled') return unset || explicitTrue
  if (policy === 'disabled') return explicitTrue
  return false
}

describe('injectRequired()', () => {
  for (const policy of ['enabled', 'disabled', 'unknown']) {
    for (const namespace of ['onap', 'kube-system']) {
      for (const hostNetwork of [false, true]) {
        for (const annotation of ANNOTATIONS) {
          const want = expected(annotation, policy, namespace, hostNetwork)
          const label = `annotation=${annotation === undefined ? 'absent' : JSON.stringify(annotation)}`
          it(`${want ? 'injects' : 'skips'}: policy ${policy}, ns ${namespace}, hostNetwork ${hostNetwork}, ${label}`, () => {
            const metadata = {
              name: 'p',
              namespace,
              ...(annotation === undefined
                ? {}
                : { annotations: { 'sidecar.istio.io/inject': annotation } }),
            }
            const podSpec = { hostNetwork, containers: [{ name: 'app', image: 'app' }] }
            expect(
              injectRequired({ ignoredNamespaces: IGNORED_NAMESPACES, policy, podSpec, metadata })
            ).to.equal(want)
            // The same decision end to end: the pod gains istio-proxy exactly when required.
            const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec }
            const r = injectPod(pod, namespace, { policy, template: TEMPLATE }, DEFAULT_MESH)
            const names = (r.pod['spec'] as { containers: { name: string }[] }).containers.map(
              (c) => c.name
            )
            expect(r.injected).to.equal(want)
            expect(names).to.deep.equal(want ? ['app', 'istio-proxy'] : ['app'])
          })
        }
      }
    }
  }

  it('matches the reference truth table rows', () => {
    const d = (policy: string, annotations?: Record<string, string>) =>
      injectDecision({
        ignoredNamespaces: IGNORED_NAMESPACES,
        policy,
        podSpec: {},
        metadata: { namespace: 'onap', annotations },
      })
    expect(d('enabled')).to.deep.equal({
      required: true,
      reason: 'policy enabled, no inject annotation',
    })
    expect(d('enabled', { 'sidecar.istio.io/inject': 'false' }).required).to.equal(false)
    expect(d('disabled', { 'sidecar.istio.io/inject': 'on' }).required).to.equal(true)
    expect(d('disabled').required).to.equal(false)
    expect(d('Enabled').reason).to.equal('unknown injection policy "Enabled"')
    // "1" and "off" are not in the yes list: explicit no.
    expect(d('enabled', { 'sidecar.istio.io/inject': '1' }).required).to.equal(false)
    expect(d('enabled', { 'sidecar.istio.io/inject': 'off' }).required).to.equal(false)
  })

  it('also never injects into kube-public, and uses the request namespace when the pod has none', () => {
    expect(
      injectRequired({
        ignoredNamespaces: IGNORED_NAMESPACES,
        policy: 'enabled',
        podSpec: {},
        metadata: { namespace: 'kube-public' },
      })
    ).to.equal(false)
    const pod: KubeObject = { metadata: { generateName: 'x-' }, spec: { containers: [] } }
    expect(
      injectPod(pod, 'kube-system', { policy: 'enabled', template: TEMPLATE }, DEFAULT_MESH).reason
    ).to.equal('namespace kube-system is never injected')
  })
})
