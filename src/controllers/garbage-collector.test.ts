import { expect } from 'chai'
import { Refs } from '../client/index.js'
import {
  listIn,
  markPods,
  waitFor,
  type TestCluster,
} from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { appWorkload } from '../testing/controllers/app-workload.js'
import type { Pod, Workload } from './workload-types.js'

const NS = 'gc'

const deployment = (name: string, replicas = 2): Workload =>
  appWorkload('Deployment', name, NS, { replicas, image: 'nginx' })

async function deployed(t: TestCluster, name: string): Promise<void> {
  await t.client.create(Refs.deployments, deployment(name))
  await waitFor(
    `pods of ${name}`,
    async () => (await listIn(t.client, Refs.pods, NS, `app=${name}`)).length === 2
  )
  await markPods(t.client, NS, `app=${name}`)
}

const gone = (t: TestCluster, ref: (typeof Refs)[keyof typeof Refs], name: string) => async () => {
  try {
    await t.client.get(ref, name, NS)
    return false
  } catch {
    return true
  }
}

describe('garbage collector', () => {
  const t = useTestCluster({
    controllers: ['deployment', 'replicaset', 'garbagecollector'],
    namespace: NS,
  })

  it('Background: deleting a Deployment removes its ReplicaSets and their pods', async () => {
    await deployed(t, 'bg')
    await t.client.delete(Refs.deployments, 'bg', NS, { propagationPolicy: 'Background' })
    await waitFor(
      'ReplicaSets gone',
      async () => (await listIn(t.client, Refs.replicaSets, NS, 'app=bg')).length === 0
    )
    await waitFor(
      'pods gone',
      async () => (await listIn(t.client, Refs.pods, NS, 'app=bg')).length === 0
    )
  })

  it('Foreground: the owner stays (with the finalizer) until its dependents are gone', async () => {
    await deployed(t, 'fg')
    const d = await t.client.delete(Refs.deployments, 'fg', NS, { propagationPolicy: 'Foreground' })
    expect(d.metadata.finalizers).to.include('foregroundDeletion')
    expect(d.metadata.deletionTimestamp).to.be.a('string')
    await waitFor('deployment gone', gone(t, Refs.deployments, 'fg'))
    expect(await listIn(t.client, Refs.replicaSets, NS, 'app=fg')).to.have.length(0)
    expect(await listIn(t.client, Refs.pods, NS, 'app=fg')).to.have.length(0)
  })

  it('Orphan: dependents stay, without the owner reference', async () => {
    await deployed(t, 'or')
    const [rs] = await listIn<Workload>(t.client, Refs.replicaSets, NS, 'app=or')
    await t.client.delete(Refs.deployments, 'or', NS, { propagationPolicy: 'Orphan' })
    await waitFor('deployment gone', gone(t, Refs.deployments, 'or'))
    const after = await t.client.get<Workload>(Refs.replicaSets, rs!.metadata.name ?? '', NS)
    expect(after.metadata.ownerReferences ?? []).to.have.length(0)
    const pods = await listIn<Pod>(t.client, Refs.pods, NS, 'app=or')
    expect(pods).to.have.length(2)
    expect(pods.every((p) => p.metadata.ownerReferences?.[0]?.uid === rs!.metadata.uid)).to.equal(
      true
    )
  })

  it('deletes an object whose only owner never existed, and keeps one with a live owner (negative)', async () => {
    const cm = (name: string, uid: string, ownerName: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: NS,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: ownerName, uid }],
      },
    })
    const [rs] = await listIn<Workload>(t.client, Refs.replicaSets, NS, 'app=or')
    await t.client.create(
      Refs.configMaps,
      cm('dangling', '00000000-0000-4000-a000-000000000000', 'nope')
    )
    await t.client.create(
      Refs.configMaps,
      cm('kept', rs!.metadata.uid ?? '', rs!.metadata.name ?? '')
    )
    await waitFor('dangling gone', gone(t, Refs.configMaps, 'dangling'))
    const kept = await t.client.get(Refs.configMaps, 'kept', NS)
    expect(kept.metadata.ownerReferences).to.have.length(1)
  })

  it('removes only the dangling reference when another owner lives', async () => {
    const [rs] = await listIn<Workload>(t.client, Refs.replicaSets, NS, 'app=or')
    await t.client.create(Refs.configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'two-owners',
        namespace: NS,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs!.metadata.name ?? '',
            uid: rs!.metadata.uid ?? '',
          },
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: 'ghost',
            uid: '11111111-0000-4000-a000-000000000000',
          },
        ],
      },
    })
    const cm = await waitFor('dangling reference removed', async () => {
      const o = await t.client.get(Refs.configMaps, 'two-owners', NS)
      return o.metadata.ownerReferences?.length === 1 && o
    })
    expect(cm.metadata.ownerReferences?.[0]?.uid).to.equal(rs!.metadata.uid)
  })
})
