import { expect } from 'chai'
import { PatchType, Refs } from '../client/index.js'
import {
  listIn,
  markPods,
  waitFor,
  type TestCluster,
} from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { appWorkload } from '../testing/controllers/app-workload.js'
import type { Condition, Pod, Workload } from './workload-types.js'

const NS = 'dep'

function deployment(
  name: string,
  replicas: number,
  image = 'nginx:1.15',
  extra: Record<string, unknown> = {}
): Workload {
  return appWorkload('Deployment', name, NS, { replicas, image, extra })
}

/** Marks pods ready until the Deployment reports a complete rollout; returns it. */
async function rollOut(t: TestCluster, name: string): Promise<Workload> {
  return waitFor(`rollout of ${name}`, async () => {
    await markPods(t.client, NS, `app=${name}`)
    const d = await t.client.get<Workload>(Refs.deployments, name, NS)
    const s = d.status as Record<string, number> & { conditions?: Condition[] }
    const want = d.spec?.replicas ?? 1
    const progressed =
      s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable'
    return (
      s.observedGeneration === d.metadata.generation &&
      (s.updatedReplicas ?? 0) === want &&
      (s.availableReplicas ?? 0) === want &&
      (s.replicas ?? 0) === want &&
      progressed &&
      d
    )
  })
}

const ownedSets = async (t: TestCluster, name: string) =>
  (await listIn<Workload>(t.client, Refs.replicaSets, NS, `app=${name}`)).filter(
    (rs) => rs.metadata.ownerReferences?.[0]?.name === name
  )

describe('Deployment controller', () => {
  const t = useTestCluster({ controllers: ['deployment', 'replicaset'], namespace: NS })

  it('creates a ReplicaSet <name>-<hash> with 3 pods and reports a complete rollout', async () => {
    await t.client.create(Refs.deployments, deployment('web', 3))
    const d = await rollOut(t, 'web')
    const [rs, ...more] = await ownedSets(t, 'web')
    expect(more).to.have.length(0)
    const hash = rs!.metadata.labels?.['pod-template-hash'] ?? ''
    expect(hash).to.match(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/)
    expect(rs!.metadata.name).to.equal(`web-${hash}`)
    expect(rs!.metadata.ownerReferences?.[0]).to.include({
      kind: 'Deployment',
      uid: d.metadata.uid,
      controller: true,
    })
    expect(rs!.spec?.selector?.matchLabels).to.deep.equal({ app: 'web', 'pod-template-hash': hash })
    expect(rs!.metadata.annotations).to.include({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    })
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).to.equal('1')
    const pods = await listIn<Pod>(t.client, Refs.pods, NS, `app=web`)
    expect(pods).to.have.length(3)
    expect(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === hash)).to.equal(true)
    const conds = (d.status?.conditions ?? []) as Condition[]
    expect(conds.find((c) => c.type === 'Available')).to.include({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
    })
    expect(conds.find((c) => c.type === 'Progressing')).to.include({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "web-${hash}" has successfully progressed.`,
    })
    expect(d.status).to.not.have.property('unavailableReplicas')
    const events = await listIn<Record<string, unknown> & Workload>(t.client, Refs.events, NS)
    const scaled = events.find((e) => e.reason === 'ScalingReplicaSet')
    expect(scaled).to.include({ message: `Scaled up replica set web-${hash} to 3`, type: 'Normal' })
    expect(scaled?.source).to.deep.equal({ component: 'deployment-controller' })
    expect(events.filter((e) => e.reason === 'SuccessfulCreate')).to.have.length(3)
  })

  it('is not Available while no pod is ready (negative)', async () => {
    await t.client.create(Refs.deployments, deployment('idle', 2))
    const d = await waitFor('status', async () => {
      const x = await t.client.get<Workload>(Refs.deployments, 'idle', NS)
      return (x.status as { updatedReplicas?: number }).updatedReplicas === 2 && x
    })
    const conds = (d.status?.conditions ?? []) as Condition[]
    expect(conds.find((c) => c.type === 'Available')).to.include({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
    })
    expect(conds.find((c) => c.type === 'Progressing')?.reason).to.not.equal(
      'NewReplicaSetAvailable'
    )
    expect(d.status).to.include({ unavailableReplicas: 2 })
    expect(d.status).to.not.have.property('availableReplicas')
  })

  it('scales up and down through spec.replicas', async () => {
    await t.client.patch(Refs.deployments, 'web', NS, { spec: { replicas: 5 } }, PatchType.merge)
    await rollOut(t, 'web')
    expect(await listIn(t.client, Refs.pods, NS, 'app=web')).to.have.length(5)
    await t.client.patch(Refs.deployments, 'web', NS, { spec: { replicas: 2 } }, PatchType.merge)
    await rollOut(t, 'web')
    const pods = await waitFor('2 pods', async () => {
      const p = await listIn(t.client, Refs.pods, NS, 'app=web')
      return p.length === 2 && p
    })
    expect(pods).to.have.length(2)
    const [rs] = await ownedSets(t, 'web')
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).to.equal('2')
  })

  it('rolls a new template out through a new ReplicaSet, honouring maxUnavailable', async () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }
    await t.client.create(Refs.deployments, deployment('roll', 3, 'nginx:1.14', { strategy }))
    await rollOut(t, 'roll')
    await t.client.patch(
      Refs.deployments,
      'roll',
      NS,
      { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.15' }] } } } },
      PatchType.strategic
    )
    // Before any new pod is ready, only one old replica may be gone (maxSurge 0, maxUnavailable 1).
    // The sync creates the new ReplicaSet (0 replicas) before it scales the old one down, and the
    // components yield in between: wait for the step after both, whatever it left the old one at.
    const sets = await waitFor('a second ReplicaSet and the old one scaled down', async () => {
      const s = await ownedSets(t, 'roll')
      return (
        s.length === 2 &&
        s.every((x) => x.status?.observedGeneration === x.metadata.generation) &&
        s.some(
          (x) =>
            x.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1' &&
            (x.spec?.replicas ?? 0) < 3
        ) &&
        s.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0) === 3 &&
        s
      )
    })
    const total = sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0)
    expect(total).to.equal(3)
    const old = sets.find(
      (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1'
    )!
    expect(old.spec?.replicas).to.equal(2)
    const d = await rollOut(t, 'roll')
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).to.equal('2')
    const after = await ownedSets(t, 'roll')
    expect(after.find((rs) => rs.metadata.name === old.metadata.name)?.spec?.replicas).to.equal(0)
    const pods = await waitFor('3 new pods', async () => {
      const p = await listIn<Pod>(t.client, Refs.pods, NS, 'app=roll')
      return p.length === 3 && p
    })
    expect(pods.every((p) => p.spec?.containers?.[0]?.image === 'nginx:1.15')).to.equal(true)
    const events = await listIn<Record<string, unknown> & Workload>(t.client, Refs.events, NS)
    expect(
      events.some((e) => e.message === `Scaled down replica set ${old.metadata.name ?? ''} to 2`)
    ).to.equal(true)
  })

  it('recreates: old pods go before new ones come', async () => {
    await t.client.create(
      Refs.deployments,
      deployment('rec', 2, 'nginx:1.14', { strategy: { type: 'Recreate' } })
    )
    await rollOut(t, 'rec')
    await t.client.patch(
      Refs.deployments,
      'rec',
      NS,
      { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.15' }] } } } },
      PatchType.strategic
    )
    const d = await rollOut(t, 'rec')
    expect(d.status).to.include({ replicas: 2, updatedReplicas: 2 })
    const sets = await ownedSets(t, 'rec')
    expect(sets.map((rs) => rs.spec?.replicas).sort()).to.deep.equal([0, 2])
  })

  it('keeps at most revisionHistoryLimit old ReplicaSets', async () => {
    await t.client.create(
      Refs.deployments,
      deployment('hist', 1, 'img:1', { revisionHistoryLimit: 1 })
    )
    await rollOut(t, 'hist')
    for (const tag of ['2', '3']) {
      await t.client.patch(
        Refs.deployments,
        'hist',
        NS,
        { spec: { template: { spec: { containers: [{ name: 'c', image: `img:${tag}` }] } } } },
        PatchType.strategic
      )
      await rollOut(t, 'hist')
    }
    const sets = await waitFor('cleanup', async () => {
      const s = await ownedSets(t, 'hist')
      return s.length === 2 && s
    })
    expect(
      sets.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()
    ).to.deep.equal(['2', '3'])
  })

  it('rolls out an extensions/v1beta1 Deployment (defaults differ) with a Progressing condition', async () => {
    const ext = { apiVersion: 'extensions/v1beta1', resource: 'deployments', namespaced: true }
    await t.client.create(ext, {
      apiVersion: 'extensions/v1beta1',
      kind: 'Deployment',
      metadata: { name: 'old', namespace: NS },
      spec: {
        replicas: 2,
        template: {
          metadata: { labels: { app: 'old' } },
          spec: { containers: [{ name: 'c', image: 'x:1' }] },
        },
      },
    })
    const d = await rollOut(t, 'old')
    const [rs] = await ownedSets(t, 'old')
    // extensions/v1beta1 defaults maxSurge to 1: max-replicas is 3.
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).to.equal('3')
    const viaExt = await t.client.get<Workload>(ext, 'old', NS)
    expect(viaExt.status).to.deep.equal(d.status)
  })
})
