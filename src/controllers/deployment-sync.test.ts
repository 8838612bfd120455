import { expect } from 'chai'
import type { KubeClient } from '../client/index.js'
import type { ControllerContext } from './controller.js'
import { DeploymentSync } from './deployment-sync.js'
import type { Workload } from './workload-types.js'

const REVISION = 'deployment.kubernetes.io/revision'

function deployment(spec: Record<string, unknown> = {}): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', annotations: { [REVISION]: '1' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } },
      ...spec,
    },
    status: {
      conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
    },
  }
}

/** The ReplicaSet the Deployment controller made for `deployment()` (minReadySeconds 0). */
function replicaSet(): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-abc',
      namespace: 'ns',
      uid: 'rs-uid',
      annotations: { [REVISION]: '1' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true },
      ],
    },
    spec: {
      replicas: 2,
      minReadySeconds: 0,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } },
        spec: { containers: [{ name: 'c' }] },
      },
    },
  }
}

/** A context whose client records the writes it is asked for and answers each with its body. */
function recordingContext(writes: { verb: string; body: Workload }[]): ControllerContext {
  const client = {
    update: (_ref: unknown, body: Workload) => {
      writes.push({ verb: 'update', body })
      return Promise.resolve(body)
    },
    patch: (_ref: unknown, _name: string, _ns: string, body: Workload) => {
      writes.push({ verb: 'patch', body })
      return Promise.resolve(body)
    },
  } as unknown as KubeClient
  return { client } as unknown as ControllerContext
}

describe('DeploymentSync.replicaSets()', () => {
  it('leaves an up-to-date ReplicaSet alone: unset minReadySeconds is the 0 it was made with', async () => {
    const writes: { verb: string; body: Workload }[] = []
    const s = new DeploymentSync(recordingContext(writes), deployment(), [replicaSet()])
    const { newRS, oldRSs } = await s.replicaSets(false)
    expect(newRS?.metadata.name).to.equal('web-abc')
    expect(oldRSs).to.deep.equal([])
    expect(writes).to.deep.equal([])
  })

  it('writes the ReplicaSet when minReadySeconds differs (negative case)', async () => {
    const writes: { verb: string; body: Workload }[] = []
    const s = new DeploymentSync(recordingContext(writes), deployment({ minReadySeconds: 5 }), [
      replicaSet(),
    ])
    await s.replicaSets(false)
    expect(writes.map((w) => [w.verb, w.body.spec?.minReadySeconds])).to.deep.equal([['update', 5]])
  })

  it('does not change the ReplicaSet it was given (the informer cache) when it writes', async () => {
    const writes: { verb: string; body: Workload }[] = []
    const rs = replicaSet()
    const before = JSON.stringify(rs)
    await new DeploymentSync(recordingContext(writes), deployment({ minReadySeconds: 5 }), [
      rs,
    ]).replicaSets(false)
    expect(writes).to.have.length(1)
    expect(JSON.stringify(rs)).to.equal(before)
  })
})
