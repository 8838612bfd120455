import { expect } from 'chai'
import type { KubeObject } from '../src/api/types.js'
import { startTestCluster } from '../src/testing/apiserver/index.js'
import { consulApp } from '../src/apps/msb/consul-app.js'
import { discoveryApp } from '../src/apps/msb/discovery-app.js'
import { kube2msbApp } from '../src/apps/msb/kube2msb-app.js'
import { fakeFetch, startFakeApp, type FakeService } from '../src/testing/apps/app-helpers.js'
import type { StartedSimCluster } from '../src/backends/sim/index.js'
import type { KubeClient } from '../src/client/index.js'

// kube2msb calls the API as its pod's ServiceAccount (the msb chart's `msb`), through the same RBAC
// as kubectl: without the chart's ClusterRoleBinding its lists are refused and nothing registers.
const SA = 'system:serviceaccount:onap:msb'
const ref = (resource: string, namespaced = true) => ({ apiVersion: 'v1', resource, namespaced })
const rbac = (resource: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  resource,
  namespaced: false,
})

describe('kube2msb authorized as its ServiceAccount', function () {
  this.timeout(20_000)
  let cluster: StartedSimCluster
  let admin: KubeClient
  const services = new Map<string, FakeService>()
  const fetch = fakeFetch(services)
  const stops: (() => void)[] = []

  const listed = async (): Promise<string[]> => {
    const res = await fetch('http://msb-discovery.onap:10081/api/microservices/v1/services')
    return (JSON.parse(res.body.toString()) as { serviceName: string }[]).map((s) => s.serviceName)
  }
  const startKube2msb = (logs: string[]) => {
    const k = startFakeApp(kube2msbApp, {
      name: 'kube2msb',
      ip: '10.1.0.4',
      fetch,
      kube: cluster.client('kube2msb', SA),
      logs,
      env: { MSB_URL: 'http://msb-discovery.onap:10081' },
    })
    stops.push(() => k.inst.stop?.())
  }
  const waitFor = async (what: string, fn: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 200; i++) {
      if (await fn()) return
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`timed out waiting for ${what}`)
  }

  before(async () => {
    cluster = await startTestCluster()
    admin = cluster.client('test')
    await admin.create(ref('namespaces', false), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'onap' },
    })
    const consul = startFakeApp(consulApp, { name: 'msb-consul', ip: '10.1.0.2', fetch })
    services.set('msb-consul.onap:8500', (req) => consul.serve(req))
    const discovery = startFakeApp(discoveryApp, {
      name: 'msb-discovery',
      ip: '10.1.0.3',
      fetch,
      env: { CONSUL_IP: 'msb-consul.onap' },
    })
    services.set('msb-discovery.onap:10081', (req) => discovery.serve(req))
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'multicloud',
        namespace: 'onap',
        annotations: {
          'msb.onap.org/service-info':
            '[{"serviceName":"multicloud","version":"v0","url":"/api/multicloud/v0","protocol":"REST","port":"9001","visualRange":"1"}]',
        },
      },
      spec: { type: 'ClusterIP', ports: [{ port: 9001 }] },
    }
    await admin.create(ref('services'), svc)
  })
  after(async () => {
    for (const s of stops) s()
    await cluster.stop()
  })

  it('without the chart’s binding: logs the 403 of each list and registers nothing', async () => {
    const logs: string[] = []
    startKube2msb(logs)
    await waitFor('the refused lists', () => logs.some((l) => l.includes('*v1.Pod')))
    expect(logs.filter((l) => l.includes('Failed to list')).map((l) => l.slice(20))).to.deep.equal([
      `Failed to list *v1.Service: services is forbidden: User "${SA}" cannot list services at the cluster scope`,
      `Failed to list *v1.Pod: pods is forbidden: User "${SA}" cannot list pods at the cluster scope`,
    ])
    await new Promise((r) => setTimeout(r, 100))
    expect(await listed()).to.deep.equal([])
    expect(logs.some((l) => l.includes('register service'))).to.equal(false)
  })

  it('with the binding (cluster-admin, as OOM’s msb chart): lists and registers the service', async () => {
    await admin.create(rbac('clusterrolebindings'), {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'onap-msb-binding' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-admin',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'msb', namespace: 'onap' }],
    })
    const logs: string[] = []
    startKube2msb(logs)
    await waitFor('multicloud to register', async () => (await listed()).includes('multicloud'))
    expect(logs.some((l) => l.includes('Failed to list'))).to.equal(false)
    expect(logs.some((l) => l.includes('register service:multicloud returned code:201'))).to.equal(
      true
    )
  })
})
