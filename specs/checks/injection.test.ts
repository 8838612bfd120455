import { expect } from 'chai'
import {
  INJECT_ANNOTATION,
  STATUS_ANNOTATION,
  failureOf,
  fakeRun,
  loadExpectations,
  readSpecEnv,
  type FakeRun,
  type Pod,
} from '../support/index.js'
import {
  checkControlPlaneNotInjected,
  checkInjectorPolicy,
  checkNamespaceLabels,
  checkSidecars,
} from './injection.js'

describe('injection checks', () => {
  let run: FakeRun
  const setup = (policy: string) => {
    run = fakeRun(loadExpectations({ ...readSpecEnv({}), policy }))
  }
  const pod = (prefix: string): Pod =>
    run.lab.pods.find((p) => p.metadata?.name?.startsWith(`${prefix}-`))!
  // What the API server stores when the webhook did not run: the template's pod, no sidecar.
  const uninject = (p: Pod) => {
    p.spec!.containers = p.spec!.containers.filter((c) => c.name !== 'istio-proxy')
    p.spec!.initContainers = p.spec!.initContainers!.filter((c) => c.name !== 'istio-init')
    p.metadata!.annotations = without(p.metadata!.annotations!, STATUS_ANNOTATION)
  }
  beforeEach(() => setup('disabled'))

  for (const policy of ['disabled', 'enabled']) {
    it(`pass on a correctly injected lab under policy ${policy}`, async () => {
      setup(policy)
      await checkNamespaceLabels(run.client, run.expected)
      await checkInjectorPolicy(run.client, run.expected)
      await checkSidecars(run.client, run.expected)
      await checkControlPlaneNotInjected(run.client, run.expected)
    })
  }

  it('name the onap namespace without its label and the pod recreated without a sidecar', async () => {
    delete run.lab.namespaces.find((n) => n.metadata?.name === 'onap')!.metadata!.labels![
      'istio-injection'
    ]
    uninject(pod('msb-msb-consul'))
    const labels = await failureOf(checkNamespaceLabels(run.client, run.expected))
    expect(labels).to.contain('namespaces (kubectl get namespace -L istio-injection): 1 differing')
    expect(labels).to.match(/expected +onap +Active +enabled/)
    expect(labels).to.match(/actual +onap +Active +"" \*/)
    const sidecars = await failureOf(checkSidecars(run.client, run.expected))
    expect(sidecars).to.contain(
      'sidecars in onap (policy disabled, istio-injection=enabled): 1 differing'
    )
    expect(sidecars).to.match(/expected +msb-msb-consul-\S+ +msb-msb-consul +true +1 +1 +yes/)
    expect(sidecars).to.match(/actual +msb-msb-consul-\S+ +msb-msb-consul +true +0 \* +0 \* +no \*/)
  })

  it('name a pod whose chart lost its inject annotation', async () => {
    const vio = pod('multicloud-multicloud-vio')
    vio.metadata!.annotations = without(vio.metadata!.annotations!, INJECT_ANNOTATION)
    uninject(vio)
    const message = await failureOf(checkSidecars(run.client, run.expected))
    expect(message).to.match(
      /actual +multicloud-multicloud-vio-\S+ +multicloud-multicloud-vio +<none> \* +0 \* +0 \* +no \*/
    )
  })

  it('name a pod injected although the policy says no, and one injected twice', async () => {
    const ems = pod('vfc-vfc-ems-driver')
    ems.spec!.containers.push({ name: 'istio-proxy' })
    const eag = pod('msb-msb-eag')
    eag.spec!.containers.push({ name: 'istio-proxy' })
    const message = await failureOf(checkSidecars(run.client, run.expected))
    expect(message).to.match(
      /actual +vfc-vfc-ems-driver-\S+ +vfc-vfc-ems-driver +<none> +1 \* +0 +no/
    )
    expect(message).to.match(/actual +msb-msb-eag-\S+ +msb-msb-eag +true +2 \* +1 +yes/)
  })

  it('name an injector running another policy, or none', async () => {
    run.lab.configMaps[0]!.data = { config: 'policy: enabled\n' }
    const message = await failureOf(checkInjectorPolicy(run.client, run.expected))
    expect(message).to.match(/expected +istio-system\/istio-sidecar-injector +disabled/)
    expect(message).to.match(/actual +istio-system\/istio-sidecar-injector +enabled \*/)
    run.lab.configMaps = []
    expect(await failureOf(checkInjectorPolicy(run.client, run.expected))).to.match(
      /missing +istio-system\/istio-sidecar-injector +disabled/
    )
  })

  it('name an istio-system pod the webhook injected', async () => {
    pod('grafana').metadata!.annotations = { [STATUS_ANNOTATION]: '{"containers":["istio-proxy"]}' }
    const message = await failureOf(checkControlPlaneNotInjected(run.client, run.expected))
    expect(message).to.match(/istio-system pods injected by the webhook \(want none\): 1 extra/)
    expect(message).to.match(/extra +grafana-\S+ +yes/)
  })
})

function without(map: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => k !== key))
}
