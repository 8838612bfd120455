import { expect } from 'chai'
import { isStatusError } from '../api/errors.js'
import { callerIdentity } from '../apiserver/index.js'
import { NS, PODS, startTestCluster } from '../testing/apiserver/index.js'
import type { StartedSimCluster } from '../backends/sim/index.js'
import { createKubeClient, inProcessTransport } from './index.js'

const NODES = { apiVersion: 'v1', resource: 'nodes', namespaced: false }
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
}

describe('in-process transport with a component identity', () => {
  let cluster: StartedSimCluster
  before(async () => (cluster = await startTestCluster()))
  after(() => cluster.stop())

  const scheduler = () =>
    createKubeClient(
      inProcessTransport(
        cluster.api.handler,
        'default-scheduler',
        callerIdentity('default-scheduler')
      ),
      'default-scheduler'
    )

  it('is authorized by RBAC as the component: allowed calls answer, others get the 403', async () => {
    const s = scheduler()
    expect((await s.list(NODES)).items).to.be.an('array')
    const err = await s.create(PODS, pod).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(isStatusError(err) && err.code).to.equal(403)
    expect((err as Error).message).to.equal(
      'pods is forbidden: User "system:kube-scheduler" cannot create pods in the namespace "default"'
    )
  })

  it('refuses a watch the identity may not open, and says who asked in reviews', async () => {
    const s = scheduler()
    const ended = await new Promise<Error | undefined>((resolve) => {
      s.watch(NS, {}, () => undefined, resolve)
    })
    expect(ended?.message).to.match(/User "system:kube-scheduler" cannot watch namespaces/)
    const review = (await s.post(
      {
        apiVersion: 'authorization.k8s.io/v1',
        resource: 'selfsubjectaccessreviews',
        namespaced: false,
      },
      '',
      undefined,
      '',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'create', resource: 'pods', subresource: 'binding' } },
      }
    )) as { status: { allowed: boolean } }
    expect(review.status.allowed).to.equal(true)
  })

  it('leaves the lab’s own clients (no identity) with the admin’s rights', async () => {
    const lab = createKubeClient(inProcessTransport(cluster.api.handler, 'kubeadm'), 'kubeadm')
    expect((await lab.create(PODS, pod)).metadata.name).to.equal('p')
  })
})
