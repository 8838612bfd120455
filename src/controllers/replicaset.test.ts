import { expect } from 'chai'
import { badRequest } from '../api/errors.js'
import type { KubeObject } from '../api/types.js'
import { PatchType, Refs } from '../client/index.js'
import { listIn, markPod, markPods, waitFor } from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { appWorkload } from '../testing/controllers/app-workload.js'
import type { Pod, Workload } from './workload-types.js'

const rs = (name: string, replicas: number): Workload =>
  appWorkload('ReplicaSet', name, 'rs', { replicas, image: 'nginx:1.15' })

describe('ReplicaSet controller', () => {
  const t = useTestCluster({ controllers: ['replicaset'], namespace: 'rs' })

  it('creates pods from the template and reports ready replicas', async () => {
    await t.client.create(Refs.replicaSets, rs('web', 3))
    const pods = await waitFor('3 pods', async () => {
      const p = await listIn<Pod>(t.client, Refs.pods, 'rs', 'app=web')
      return p.length === 3 && p
    })
    expect(pods[0]!.metadata.generateName).to.equal('web-')
    expect(pods[0]!.metadata.ownerReferences?.[0]).to.include({
      kind: 'ReplicaSet',
      name: 'web',
      controller: true,
      blockOwnerDeletion: true,
    })
    await markPods(t.client, 'rs', 'app=web')
    const s = await waitFor('ready status', async () => {
      const o = await t.client.get<Workload>(Refs.replicaSets, 'web', 'rs')
      return o.status?.readyReplicas === 3 && o.status
    })
    expect(s).to.include({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    })
  })

  it('deletes surplus pods, not-ready ones first', async () => {
    await t.client.create(Refs.replicaSets, rs('shrink', 3))
    await waitFor(
      '3 pods',
      async () => (await listIn(t.client, Refs.pods, 'rs', 'app=shrink')).length === 3
    )
    const [notReady, ...others] = await listIn<Pod>(t.client, Refs.pods, 'rs', 'app=shrink')
    for (const p of others) await markPod(t.client, p)
    // One pod stays not ready: the scale-down must pick it.
    await markPod(t.client, notReady!, { ready: false })
    await t.client.patch(
      Refs.replicaSets,
      'shrink',
      'rs',
      { spec: { replicas: 2 } },
      PatchType.merge
    )
    const left = await waitFor('2 pods', async () => {
      const p = await listIn<Pod>(t.client, Refs.pods, 'rs', 'app=shrink')
      return p.length === 2 && p
    })
    expect(left.map((p) => p.metadata.name)).to.not.include(notReady!.metadata.name)
  })

  it('records FailedCreate and ReplicaFailure while pod creation is refused, then recovers', async () => {
    let refuse = true
    t.cluster.api.admission.addValidating({
      name: 'test-deny',
      validate: async (a) => {
        if (
          refuse &&
          a.operation === 'CREATE' &&
          a.info.resource === 'pods' &&
          a.namespace === 'rs' &&
          (a.object?.metadata.generateName ?? '').startsWith('guarded-')
        ) {
          throw badRequest('admission webhook "deny.example.com" denied the request: not today')
        }
      },
    })
    await t.client.create(Refs.replicaSets, rs('guarded', 2))
    const failed = await waitFor('ReplicaFailure', async () => {
      const o = await t.client.get<Workload>(Refs.replicaSets, 'guarded', 'rs')
      return o.status?.conditions?.find((c) => c.type === 'ReplicaFailure') && o
    })
    expect(failed.status?.conditions?.[0]).to.include({
      status: 'True',
      reason: 'FailedCreate',
      message: 'admission webhook "deny.example.com" denied the request: not today',
    })
    const events = await waitFor('FailedCreate event', async () => {
      const e = await listIn<KubeObject & { reason?: string; message?: string; type?: string }>(
        t.client,
        Refs.events,
        'rs'
      )
      const f = e.filter((x) => x.reason === 'FailedCreate')
      return f.length > 0 && f
    })
    expect(events[0]).to.include({
      type: 'Warning',
      message: 'Error creating: admission webhook "deny.example.com" denied the request: not today',
    })
    expect(await listIn(t.client, Refs.pods, 'rs', 'app=guarded')).to.have.length(0)
    refuse = false
    await waitFor(
      '2 pods after recovery',
      async () => (await listIn(t.client, Refs.pods, 'rs', 'app=guarded')).length === 2,
      8000
    )
    await waitFor('condition cleared', async () => {
      const o = await t.client.get<Workload>(Refs.replicaSets, 'guarded', 'rs')
      return !o.status?.conditions?.length
    })
    // The sync that created the pods wrote its status before their informer saw them (as
    // kube-controller-manager's does): the next sync counts them, and the condition stays gone.
    const ok = await waitFor('2 replicas counted', async () => {
      const o = await t.client.get<Workload>(Refs.replicaSets, 'guarded', 'rs')
      return o.status?.replicas === 2 && o
    })
    expect(ok.status?.conditions ?? []).to.have.length(0)
  })

  it('adopts a matching orphan pod instead of creating one', async () => {
    await t.client.create(Refs.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'rs', labels: { app: 'adopt' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    })
    await t.client.create(Refs.replicaSets, rs('adopt', 1))
    const stray = await waitFor('adopted', async () => {
      const p = await t.client.get<Pod>(Refs.pods, 'stray', 'rs')
      return (p.metadata.ownerReferences?.length ?? 0) > 0 && p
    })
    expect(stray.metadata.ownerReferences?.[0]).to.include({
      kind: 'ReplicaSet',
      name: 'adopt',
      controller: true,
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(await listIn(t.client, Refs.pods, 'rs', 'app=adopt')).to.have.length(1)
  })
})
