import { expect } from 'chai'
import * as k8s from '@kubernetes/client-node'
import { startTestLab, type TestLab } from './support/lab-fixture.js'

describe('@kubernetes/client-node against the sim', function () {
  this.timeout(30_000)
  let lab: TestLab
  let core: k8s.CoreV1Api
  let kc: k8s.KubeConfig

  before(async () => {
    lab = await startTestLab()
    kc = new k8s.KubeConfig()
    kc.loadFromFile(lab.kubeconfig)
    core = kc.makeApiClient(k8s.CoreV1Api)
  })
  after(async () => lab.stop())

  it('creates, lists and watches through the lab kubeconfig', async () => {
    await core.createNamespace({ body: { metadata: { name: 'onap' } } })
    const seen: string[] = []
    const watch = new k8s.Watch(kc)
    const list = await core.listNamespacedPod({ namespace: 'onap' })
    const req = await watch.watch(
      '/api/v1/namespaces/onap/pods',
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type: string, obj: k8s.V1Pod) => seen.push(`${type} ${obj.metadata?.name}`),
      () => undefined
    )
    await core.createNamespacedPod({
      namespace: 'onap',
      body: { metadata: { name: 'x1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    })
    for (let i = 0; i < 100 && !seen.length; i++) await new Promise((r) => setTimeout(r, 20))
    req.abort()
    expect(seen).to.deep.equal(['ADDED x1'])
    const pods = await core.listNamespacedPod({ namespace: 'onap' })
    expect(pods.items.map((p) => p.metadata?.name)).to.deep.equal(['x1'])
    expect(pods.items[0]!.status?.phase).to.equal('Pending')
  })

  it('surfaces a 404 as an ApiException', async () => {
    let code = 0
    try {
      await core.readNamespacedPod({ namespace: 'onap', name: 'missing' })
    } catch (err) {
      code = (err as { code: number }).code
    }
    expect(code).to.equal(404)
  })
})
