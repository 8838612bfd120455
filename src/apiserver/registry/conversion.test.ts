import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import {
  CM,
  DEPLOY,
  deployment,
  dig,
  EXT_DEPLOY,
  failure,
  useClientHarness,
  type Obj,
} from '../../testing/apiserver/index.js'

describe('toVersion() and version defaults', () => {
  const { client, namespace } = useClientHarness('conv')

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
