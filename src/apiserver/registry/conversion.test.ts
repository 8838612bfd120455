import { expect } from 'chai'
import { isStatusError, type StatusError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { startSimCluster, type StartedSimCluster } from '../../backends/sim/index.js'
import type { KubeClient, ResourceRef } from '../../client/index.js'
import { seededIds } from './index.js'

const NOW = new Date('2024-05-01T10:00:00Z')
const NS: ResourceRef = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
const CM: ResourceRef = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }
const DEPLOY: ResourceRef = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
const EXT_DEPLOY: ResourceRef = {
  apiVersion: 'extensions/v1beta1',
  resource: 'deployments',
  namespaced: true,
}

type Obj = Record<string, unknown>

/** Returns the StatusError a call fails with; fails the test when it succeeds. */
async function failure(p: Promise<unknown>): Promise<StatusError> {
  try {
    await p
  } catch (err) {
    if (isStatusError(err)) return err
    throw err
  }
  throw new Error('expected the call to fail')
}

function dig(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Obj | undefined)?.[k], o)
}

function deployment(name: string, namespace: string, apiVersion = 'apps/v1'): KubeObject {
  const labels = { app: name }
  return {
    apiVersion,
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 2,
      ...(apiVersion === 'apps/v1' ? { selector: { matchLabels: labels } } : {}),
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'c', image: 'nginx:1.15' }] },
      },
    },
  }
}

describe('toVersion() and version defaults', () => {
  let cluster: StartedSimCluster
  let client: KubeClient
  let seq = 0

  /** Creates and returns a fresh namespace, so tests do not see each other's objects. */
  async function namespace(): Promise<string> {
    const name = `conv-${++seq}`
    await client.create<KubeObject>(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
    return name
  }

  before(async () => {
    cluster = await startSimCluster({
      kubernetesVersion: '1.11.1',
      clusterName: 't',
      serviceSubnet: '10.96.0.0/12',
      ids: seededIds(42, () => NOW),
    })
    client = cluster.client('test')
  })

  after(() => cluster.stop())

  describe('Deployments in extensions/v1beta1 and apps/v1', () => {
    it('defaults extensions/v1beta1 the 1.11 way: selector from labels, 1/1, unlimited history', async () => {
      const ns = await namespace()
      const d = await client.create<KubeObject>(
        EXT_DEPLOY,
        deployment('old', ns, 'extensions/v1beta1')
      )
      expect(d.apiVersion).to.equal('extensions/v1beta1')
      expect(dig(d, 'spec.selector')).to.deep.equal({ matchLabels: { app: 'old' } })
      expect(d.metadata.labels).to.deep.equal({ app: 'old' })
      expect(dig(d, 'spec.strategy')).to.deep.equal({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
      })
      expect(dig(d, 'spec.revisionHistoryLimit')).to.equal(2147483647)
      expect(dig(d, 'spec.progressDeadlineSeconds')).to.equal(2147483647)
    })

    it('defaults apps/v1 with 25%/25%, 10 revisions and 600 s, and requires a selector', async () => {
      const ns = await namespace()
      const d = await client.create<KubeObject>(DEPLOY, deployment('new', ns))
      expect(dig(d, 'spec.strategy')).to.deep.equal({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      })
      expect(dig(d, 'spec.revisionHistoryLimit')).to.equal(10)
      expect(dig(d, 'spec.progressDeadlineSeconds')).to.equal(600)
      const noSelector = deployment('bad', ns)
      delete (noSelector.spec as Obj).selector
      const err = await failure(client.create<KubeObject>(DEPLOY, noSelector))
      expect(err.code).to.equal(422)
      expect(err.message).to.equal(
        'Deployment.apps "bad" is invalid: spec.selector: Required value'
      )
    })

    it('serves an object created through one version through the other', async () => {
      const ns = await namespace()
      const old = await client.create<KubeObject>(
        EXT_DEPLOY,
        deployment('old', ns, 'extensions/v1beta1')
      )
      const asApps = await client.get(DEPLOY, 'old', ns)
      expect(asApps.apiVersion).to.equal('apps/v1')
      expect(asApps.kind).to.equal('Deployment')
      expect(asApps.metadata.uid).to.equal(old.metadata.uid)
      expect(dig(asApps, 'spec.revisionHistoryLimit')).to.equal(2147483647)
      const created = await client.create<KubeObject>(DEPLOY, deployment('new', ns))
      const asExt = await client.get(EXT_DEPLOY, 'new', ns)
      expect(asExt.apiVersion).to.equal('extensions/v1beta1')
      expect(asExt.metadata.uid).to.equal(created.metadata.uid)
      const listed = await client.list(EXT_DEPLOY, { namespace: ns })
      expect(listed.items.map((i) => [i.metadata.name, i.apiVersion])).to.deep.equal([
        ['new', 'extensions/v1beta1'],
        ['old', 'extensions/v1beta1'],
      ])
      // A write through the other version keeps the object (same uid, new generation).
      const updated = await client.update<KubeObject>(DEPLOY, {
        ...asApps,
        spec: { ...(asApps.spec as Obj), replicas: 4 },
      })
      expect(updated.metadata.uid).to.equal(old.metadata.uid)
      expect(updated.metadata.generation).to.equal(2)
    })

    it('refuses a body of the wrong kind with 400', async () => {
      const ns = await namespace()
      const err = await failure(
        client.create<KubeObject>(DEPLOY, {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'x', namespace: ns },
        })
      )
      expect(err.code).to.equal(400)
      expect(err.message).to.equal(
        'the kind in the data (StatefulSet) does not match the expected kind (Deployment)'
      )
      const version = await failure(
        client.create<KubeObject>(CM, {
          apiVersion: 'v2',
          kind: 'ConfigMap',
          metadata: { name: 'x', namespace: ns },
        })
      )
      expect(version.code).to.equal(400)
      expect(version.message).to.equal(
        'the API version in the data (v2) does not match the expected API version (v1)'
      )
    })
  })
})
