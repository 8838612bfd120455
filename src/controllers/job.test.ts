import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { Refs } from '../client/index.js'
import {
  listIn,
  markPods,
  waitFor,
  type TestCluster,
} from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import type { Condition, Pod, Workload } from './workload-types.js'

const NS = 'jobs'

function job(name: string, spec: Record<string, unknown>): Workload {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: NS },
    spec: {
      ...spec,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
    },
  }
}

const active = async (t: TestCluster, name: string) =>
  (await listIn<Pod>(t.client, Refs.pods, NS, `job-name=${name}`)).filter(
    (p) => !['Succeeded', 'Failed'].includes(p.status?.phase ?? '')
  )

describe('job controller', () => {
  const t = useTestCluster({ controllers: ['job'], namespace: NS })

  it('runs parallelism pods until completions succeed, then completes', async () => {
    await t.client.create(Refs.jobs, job('pi', { completions: 3, parallelism: 2 }))
    const first = await waitFor('2 active pods', async () => {
      const a = await active(t, 'pi')
      return a.length === 2 && a
    })
    expect(first[0]!.metadata.ownerReferences?.[0]).to.include({
      kind: 'Job',
      name: 'pi',
      controller: true,
    })
    await markPods(t.client, NS, 'job-name=pi', { phase: 'Succeeded', ready: false })
    // 3 completions, 2 done: exactly one more pod.
    const more = await waitFor('1 more pod', async () => {
      const a = await active(t, 'pi')
      return a.length === 1 && a
    })
    expect(more).to.have.length(1)
    await markPods(t.client, NS, 'job-name=pi', { phase: 'Succeeded', ready: false })
    const done = await waitFor('Complete', async () => {
      const j = await t.client.get<Workload>(Refs.jobs, 'pi', NS)
      return (j.status?.conditions ?? []).some((c) => c.type === 'Complete') && j
    })
    expect(done.status).to.include({ succeeded: 3 })
    expect(done.status).to.not.have.property('active')
    expect(done.status?.completionTime).to.be.a('string')
    expect(done.status?.startTime).to.be.a('string')
    expect(await listIn(t.client, Refs.pods, NS, 'job-name=pi')).to.have.length(3)
  })

  it('fails with BackoffLimitExceeded once failures pass backoffLimit (negative)', async () => {
    await t.client.create(Refs.jobs, job('bad', { backoffLimit: 0 }))
    await waitFor('a pod', async () => (await active(t, 'bad')).length === 1)
    await markPods(t.client, NS, 'job-name=bad', { phase: 'Failed', ready: false })
    const j = await waitFor('Failed', async () => {
      const x = await t.client.get<Workload>(Refs.jobs, 'bad', NS)
      return (x.status?.conditions ?? []).some((c) => c.type === 'Failed') && x
    })
    const cond = (j.status?.conditions as Condition[]).find((c) => c.type === 'Failed')
    expect(cond).to.include({
      status: 'True',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    })
    expect(j.status).to.include({ failed: 1 })
    expect(j.status).to.not.have.property('completionTime')
    const events = await waitFor('event', async () => {
      const e = (
        await listIn<KubeObject & { reason?: string; type?: string }>(t.client, Refs.events, NS)
      ).filter((x) => x.reason === 'BackoffLimitExceeded')
      return e.length > 0 && e
    })
    expect(events[0]!.type).to.equal('Warning')
    await new Promise((r) => setTimeout(r, 50))
    expect(await active(t, 'bad')).to.have.length(0)
  })
})
