import { expect } from 'chai'
import { PatchType, Refs } from '../client/index.js'
import { listIn, markPod, waitFor } from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import type { Pod, Workload } from './workload-types.js'

const NS = 'sts'

describe('statefulset controller', () => {
  const t = useTestCluster({ controllers: ['statefulset'], namespace: NS })

  const names = async () =>
    (await listIn<Pod>(t.client, Refs.pods, NS, 'app=db')).map((p) => p.metadata.name).sort()
  const ready = async (name: string) =>
    markPod(t.client, await t.client.get<Pod>(Refs.pods, name, NS))

  it('starts pods in order, each after the previous one is Running and Ready', async () => {
    await t.client.create(Refs.statefulSets, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: NS },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'c', image: 'mariadb:10' }] },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    })
    await waitFor('db-0', async () => (await names()).length === 1)
    await new Promise((r) => setTimeout(r, 50))
    expect(await names()).to.deep.equal(['db-0'])
    const p0 = await t.client.get<Pod>(Refs.pods, 'db-0', NS)
    expect(p0.metadata.labels).to.include({
      'statefulset.kubernetes.io/pod-name': 'db-0',
      app: 'db',
    })
    expect(p0.spec).to.include({ hostname: 'db-0', subdomain: 'db' })
    expect(p0.spec?.volumes?.find((v) => v.name === 'data')).to.deep.include({
      persistentVolumeClaim: { claimName: 'data-db-0' },
    })
    await t.client.get(Refs.persistentVolumeClaims, 'data-db-0', NS)
    await ready('db-0')
    await waitFor('db-1', async () => (await names()).length === 2)
    await ready('db-1')
    await waitFor('db-2', async () => (await names()).length === 3)
    expect(await names()).to.deep.equal(['db-0', 'db-1', 'db-2'])
    await ready('db-2')
    const set = await waitFor('ready status', async () => {
      const s = await t.client.get<Workload>(Refs.statefulSets, 'db', NS)
      return s.status?.readyReplicas === 3 && s
    })
    expect(set.status).to.include({
      replicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 1,
    })
    expect(set.status?.currentRevision).to.equal(set.status?.updateRevision)
  })

  it('removes surplus pods from the highest ordinal', async () => {
    await t.client.patch(Refs.statefulSets, 'db', NS, { spec: { replicas: 1 } }, PatchType.merge)
    await waitFor('db-2 gone', async () => !(await names()).includes('db-2'))
    await waitFor('db-1 gone', async () => (await names()).length === 1)
    expect(await names()).to.deep.equal(['db-0'])
  })

  it('waits while a pod is not ready (negative)', async () => {
    await markPod(t.client, await t.client.get<Pod>(Refs.pods, 'db-0', NS), { ready: false })
    await t.client.patch(Refs.statefulSets, 'db', NS, { spec: { replicas: 2 } }, PatchType.merge)
    await new Promise((r) => setTimeout(r, 100))
    expect(await names()).to.deep.equal(['db-0'])
    await ready('db-0')
    await waitFor('db-1 again', async () => (await names()).length === 2)
  })
})
