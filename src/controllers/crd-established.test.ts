import { expect } from 'chai'
import type { KubeObject, Obj } from '../api/types.js'
import { startTestCluster, waitFor } from '../testing/controllers/controller-helpers.js'
import { CRD_V1BETA1 } from '../testing/controllers/crd-ref.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { establishedStatus } from './crd-established-controller.js'

const crd = (apiVersion: string, name: string, spec: Obj): KubeObject => ({
  apiVersion,
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec,
})

const conditionsOf = (o: KubeObject) =>
  ((o.status as Obj | undefined)?.conditions as Obj[] | undefined) ?? []

describe('crd-established controller', () => {
  describe('on 1.11 (apiextensions.k8s.io/v1beta1)', () => {
    const ref = CRD_V1BETA1
    // The API server runs the controller itself: no controller-manager controller is started.
    const t = useTestCluster({ controllers: [] })

    it('marks a new CRD NamesAccepted and Established, with accepted names and stored version', async () => {
      const names = { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' }
      const created = await t.client.create(
        ref,
        crd(ref.apiVersion, 'gadgets.example.com', {
          group: 'example.com',
          version: 'v1',
          scope: 'Namespaced',
          names,
        })
      )
      // Created without conditions: they are the controller's to write.
      expect(conditionsOf(created)).to.deep.equal([])
      const done = await waitFor('Established', async () => {
        const o = await t.client.get<KubeObject>(ref, 'gadgets.example.com')
        return conditionsOf(o).length ? o : undefined
      })
      expect(conditionsOf(done).map((c) => [c.type, c.status])).to.deep.equal([
        ['NamesAccepted', 'True'],
        ['Established', 'True'],
      ])
      expect(done.status).to.deep.include({ acceptedNames: names, storedVersions: ['v1'] })
    })

    it('leaves conditions it finds alone', async () => {
      const name = 'gizmos.example.com'
      await t.client.create(
        ref,
        crd(ref.apiVersion, name, {
          group: 'example.com',
          version: 'v1',
          scope: 'Cluster',
          names: { plural: 'gizmos', kind: 'Gizmo' },
        })
      )
      const o = await waitFor('Established', async () => {
        const x = await t.client.get<KubeObject>(ref, name)
        return conditionsOf(x).length ? x : undefined
      })
      const mine = { conditions: [{ type: 'Established', status: 'False', reason: 'Test' }] }
      await t.client.update(ref, { ...o, status: mine }, { subresource: 'status' })
      await new Promise((r) => setTimeout(r, 200))
      const after = await t.client.get<KubeObject>(ref, name)
      expect(conditionsOf(after)).to.deep.equal(mine.conditions)
    })
  })

  it('watches CRDs in apiextensions.k8s.io/v1 where 1.16+ prefers it', async () => {
    const t = await startTestCluster({ kubernetesVersion: '1.16.0', controllers: [] })
    try {
      const ref = {
        apiVersion: 'apiextensions.k8s.io/v1',
        resource: 'customresourcedefinitions',
        namespaced: false,
      }
      await t.client.create(
        ref,
        crd(ref.apiVersion, 'things.example.com', {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'things', kind: 'Thing' },
          versions: [
            { name: 'v1beta1', served: true, storage: false },
            { name: 'v1', served: true, storage: true },
          ],
        })
      )
      const o = await waitFor('Established', async () => {
        const x = await t.client.get<KubeObject>(ref, 'things.example.com')
        return conditionsOf(x).length ? x : undefined
      })
      expect((o.status as Obj).storedVersions).to.deep.equal(['v1'])
    } finally {
      await t.stop()
    }
  })

  it('establishedStatus() takes the storage version, else the first, else spec.version', () => {
    const at = '2018-08-01T00:00:00Z'
    const s = (spec: Obj) => establishedStatus(crd('v1', 'x', spec), at).storedVersions
    expect(s({ versions: [{ name: 'a' }, { name: 'b', storage: true }] })).to.deep.equal(['b'])
    expect(s({ versions: [{ name: 'a' }, { name: 'b' }] })).to.deep.equal(['a'])
    expect(s({ version: 'v2' })).to.deep.equal(['v2'])
  })
})
