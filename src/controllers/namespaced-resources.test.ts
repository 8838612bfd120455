import { expect } from 'chai'
import { createKubeClient, type KubeClient } from '../client/index.js'
import { discoverNamespacedResources } from './namespaced-resources.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { CRD_V1BETA1 as CRD } from '../testing/controllers/crd-ref.js'

const keys = (refs: { apiVersion: string; resource: string }[]) =>
  refs.map((r) => `${r.apiVersion} ${r.resource}`)

describe('discoverNamespacedResources()', () => {
  for (const version of ['1.11.1', '1.25.0']) {
    describe(`on the ${version} profile`, () => {
      const t = useTestCluster({ kubernetesVersion: version, controllers: [] })

      it('finds the served namespaced resources at their preferred version, once each', async () => {
        const found = keys(await discoverNamespacedResources(t.client))
        expect(found).to.include.members(['v1 pods', 'v1 configmaps', 'apps/v1 deployments'])
        expect(found).to.not.include('v1 namespaces')
        expect(found).to.not.include('v1 nodes')
        // create-only (bindings) and subresources (pods/log) are not deletable collections
        expect(found).to.not.include('v1 bindings')
        expect(found.some((k) => k.includes('/log'))).to.equal(false)
        expect(new Set(found.map((k) => k.replace(/^\S*?\/?\S+ /, ''))).size).to.be.greaterThan(15)
        const rbac = found.filter((k) => k.endsWith(' rolebindings'))
        expect(rbac).to.deep.equal(['rbac.authorization.k8s.io/v1 rolebindings'])
        const cronjobs = found.filter((k) => k.endsWith(' cronjobs'))
        expect(cronjobs).to.deep.equal([
          version === '1.11.1' ? 'batch/v1beta1 cronjobs' : 'batch/v1 cronjobs',
        ])
      })

      if (version !== '1.11.1') return
      it('finds a custom resource once its CRD is served', async () => {
        await t.client.create(CRD, {
          apiVersion: 'apiextensions.k8s.io/v1beta1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'gadgets.example.com' },
          spec: {
            group: 'example.com',
            version: 'v1',
            scope: 'Namespaced',
            names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
          },
        } as never)
        let found: string[] = []
        for (let i = 0; i < 50 && !found.includes('example.com/v1 gadgets'); i++) {
          await new Promise((r) => setTimeout(r, 20))
          found = keys(await discoverNamespacedResources(t.client))
        }
        expect(found).to.include('example.com/v1 gadgets')
      })
    })
  }

  it('fails with a message when the client cannot read discovery', async () => {
    const client = { ...createKubeClientStub(), getPath: undefined } as KubeClient
    let err: unknown
    await discoverNamespacedResources(client).catch((e: unknown) => (err = e))
    expect(String(err)).to.contain('failed to discover resources')
  })
})

function createKubeClientStub(): KubeClient {
  return createKubeClient({
    request: () => Promise.resolve({ status: 500, body: {} }),
    watch: () => () => undefined,
  })
}
