import { expect } from 'chai'
import {
  failureOf,
  fakeRun,
  loadExpectations,
  readSpecEnv,
  type FakeRun,
} from '../support/index.js'
import { checkIstioServices, checkOnapServices, checkReleaseDeployments } from './inventory.js'

describe('inventory checks', () => {
  let run: FakeRun
  beforeEach(() => {
    run = fakeRun(loadExpectations(readSpecEnv({})))
  })

  it('pass on a lab with the page inventory', async () => {
    await checkOnapServices(run.client, run.expected)
    await checkIstioServices(run.client, run.expected)
    await checkReleaseDeployments(run.client, run.expected)
  })

  it('name a deleted service', async () => {
    run.lab.services = run.lab.services.filter((s) => s.metadata?.name !== 'msb-iag')
    const message = await failureOf(checkOnapServices(run.client, run.expected))
    expect(message).to.contain(
      'services in onap (kubectl get svc -n onap): 1 missing; 24 of 25 expected rows match'
    )
    expect(message).to.match(/missing +msb-iag +msb +NodePort +80:30280\/TCP,443:30283\/TCP/)
  })

  it('name a changed NodePort and an extra service', async () => {
    const consul = run.lab.services.find((s) => s.metadata?.name === 'msb-consul')!
    consul.spec!.ports![0]!.nodePort = 31000
    run.lab.services.push({
      metadata: { namespace: 'onap', name: 'stray' },
      spec: { ports: [{ port: 1 }] },
    })
    const message = await failureOf(checkOnapServices(run.client, run.expected))
    expect(message).to.match(/actual +msb-consul +msb +NodePort +8500:31000\/TCP \*/)
    expect(message).to.match(/extra +stray +<none> +ClusterIP +1\/TCP/)
  })

  it('name an istio-system service whose load balancer got an address', async () => {
    const gw = run.lab.services.find((s) => s.metadata?.name === 'istio-ingressgateway')!
    gw.status = { loadBalancer: { ingress: [{ ip: '10.1.1.1' }] } }
    const message = await failureOf(checkIstioServices(run.client, run.expected))
    expect(message).to.match(/actual +istio-ingressgateway +LoadBalancer +10\.1\.1\.1 \*/)
  })

  it('name a missing deployment and one with another release', async () => {
    run.lab.deployments = run.lab.deployments.filter((d) => d.metadata?.name !== 'vfc-vfc-nslcm')
    run.lab.deployments.find((d) => d.metadata?.name === 'msb-kube2msb')!.metadata!.labels = {
      release: 'vfc',
    }
    const message = await failureOf(checkReleaseDeployments(run.client, run.expected))
    expect(message).to.contain(
      'deployments in onap (releases msb, multicloud, vfc): 1 missing, 1 differing'
    )
    expect(message).to.match(/missing +vfc-vfc-nslcm +vfc +vfc-nslcm,vfc-nslcm-filebeat-onap/)
    expect(message).to.match(/actual +msb-kube2msb +vfc \* +kube2msb/)
  })
})
