import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import { parseKubeVersion } from '../../api/resources/index.js'
import { createSimPki, type SimPki } from '../../backends/sim/index.js'
import { createApiServer, type StartedApiServer } from '../api-server.js'
import { AGGREGATED_V2, AGGREGATED_V2BETA1, wantsAggregated } from './index.js'

type Obj = Record<string, unknown>

const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'

interface Answer {
  status: number
  body?: Obj
  contentType?: string
  text?: string
}

async function get(api: StartedApiServer, path: string, accept?: string): Promise<Answer> {
  try {
    const a = await api.handler.handle({
      method: 'GET',
      path,
      query: new URLSearchParams(),
      headers: accept ? { accept } : {},
      user: 'admin',
    })
    if ('body' in a)
      return {
        status: a.status,
        body: a.body as Obj,
        ...(a.contentType ? { contentType: a.contentType } : {}),
      }
    if ('text' in a) return { status: a.status, text: a.text, contentType: a.contentType }
    if ('binary' in a) return { status: a.status, contentType: a.contentType }
    throw new Error('unexpected watch')
  } catch (err) {
    if (isStatusError(err)) return { status: err.code, body: err.toStatus() as unknown as Obj }
    throw err
  }
}

async function body(api: StartedApiServer, path: string, accept?: string): Promise<Obj> {
  const a = await get(api, path, accept)
  expect(a.status, `${path}: ${JSON.stringify(a.body)}`).to.equal(200)
  return a.body!
}

function resourceNames(list: Obj): string[] {
  return (list.resources as Obj[]).map((r) => String(r.name))
}

function group(list: Obj, name: string): Obj | undefined {
  return (list.groups as Obj[]).find((g) => g.name === name)
}

function versionsOf(g: Obj | undefined): string[] {
  return ((g?.versions ?? []) as Obj[]).map((v) => String(v.version))
}

describe('discovery', () => {
  let pki: SimPki
  let v111: StartedApiServer
  let v116: StartedApiServer

  const start = (version: string) =>
    createApiServer({
      kubeVersion: parseKubeVersion(version),
      tls: { certPem: pki.apiserver.certPem, keyPem: pki.apiserver.keyPem, caPem: pki.ca.certPem },
      token: pki.token,
      host: '127.0.0.1',
      port: 0,
      serviceSubnet: '10.96.0.0/12',
      nodePortRange: [30000, 32767],
    }).start()

  before(async () => {
    pki = await createSimPki('10.96.0.1', [])
    v111 = await start('1.11.1')
    v116 = await start('1.16.0')
  })

  after(async () => {
    await v111.stop()
    await v116.stop()
  })

  describe('wantsAggregated()', () => {
    it('picks the first aggregated version an Accept header names', () => {
      expect(wantsAggregated(KUBECTL_ACCEPT)).to.equal('v2')
      expect(
        wantsAggregated('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList')
      ).to.equal('v2beta1')
      expect(wantsAggregated('application/json')).to.equal(undefined)
      expect(wantsAggregated(undefined)).to.equal(undefined)
      expect(wantsAggregated('application/json;as=APIGroupDiscoveryList')).to.equal(undefined)
    })
  })

  describe('Kubernetes 1.11.1', () => {
    it('answers /version with the profile version', async () => {
      const v = await body(v111, '/version')
      expect(v).to.include({
        major: '1',
        minor: '11',
        gitVersion: 'v1.11.1',
        platform: 'linux/amd64',
      })
    })

    it('serves the 1.11 groups: extensions, apiextensions v1beta1 only, admissionregistration v1beta1, autoscaling v2beta1', async () => {
      const list = await body(v111, '/apis')
      expect(list.kind).to.equal('APIGroupList')
      expect(versionsOf(group(list, 'extensions'))).to.deep.equal(['v1beta1'])
      expect(versionsOf(group(list, 'apiextensions.k8s.io'))).to.deep.equal(['v1beta1'])
      expect(versionsOf(group(list, 'admissionregistration.k8s.io'))).to.deep.equal(['v1beta1'])
      expect(versionsOf(group(list, 'autoscaling'))).to.deep.equal(['v1', 'v2beta1'])
      expect(versionsOf(group(list, 'apps'))).to.deep.equal(['v1', 'v1beta2', 'v1beta1'])
      expect(group(list, 'autoscaling')?.preferredVersion).to.deep.equal({
        groupVersion: 'autoscaling/v1',
        version: 'v1',
      })
      expect(resourceNames(await body(v111, '/apis/extensions/v1beta1'))).to.include('deployments')
      expect(resourceNames(await body(v111, '/apis/autoscaling/v2beta1'))).to.include(
        'horizontalpodautoscalers'
      )
      expect(
        resourceNames(await body(v111, '/apis/admissionregistration.k8s.io/v1beta1'))
      ).to.include('mutatingwebhookconfigurations')
      expect((await get(v111, '/apis/apiextensions.k8s.io/v1')).status).to.equal(404)
      expect(
        (await get(v111, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).status
      ).to.equal(404)
      expect(
        (await get(v111, '/apis/extensions/v1beta1/namespaces/default/deployments')).status
      ).to.equal(200)
    })

    it('answers /apis/<group> with an APIGroup and 404 for unknown groups', async () => {
      const apps = await body(v111, '/apis/apps')
      expect(apps).to.include({ kind: 'APIGroup', apiVersion: 'v1', name: 'apps' })
      expect(apps.preferredVersion).to.deep.equal({ groupVersion: 'apps/v1', version: 'v1' })
      const missing = await get(v111, '/apis/example.com')
      expect(missing.status).to.equal(404)
      expect(missing.body?.message).to.equal('the server could not find the requested resource')
      expect((await get(v111, '/apis/apps/v7')).status).to.equal(404)
    })

    it('lists subresources in the legacy APIResourceLists', async () => {
      const core = await body(v111, '/api/v1')
      expect(core).to.include({ kind: 'APIResourceList', groupVersion: 'v1' })
      const names = resourceNames(core)
      for (const n of [
        'pods',
        'pods/status',
        'pods/log',
        'pods/binding',
        'pods/eviction',
        'namespaces/finalize',
        'services/status',
      ]) {
        expect(names, n).to.include(n)
      }
      const eviction = (core.resources as Obj[]).find((r) => r.name === 'pods/eviction')
      expect(eviction).to.include({ group: 'policy', version: 'v1beta1', kind: 'Eviction' })
      const apps = (await body(v111, '/apis/apps/v1')).resources as Obj[]
      expect(apps.find((r) => r.name === 'deployments/scale')).to.include({
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
      })
      expect(apps.find((r) => r.name === 'deployments')).to.deep.include({
        shortNames: ['deploy'],
        categories: ['all'],
      })
      const ext = (await body(v111, '/apis/extensions/v1beta1')).resources as Obj[]
      expect(ext.find((r) => r.name === 'deployments/scale')).to.include({ kind: 'Scale' })
      expect(ext.find((r) => r.name === 'deployments/scale')).to.not.have.property('group')
    })

    it('answers /api with APIVersions unless aggregated discovery is asked for', async () => {
      const legacy = await get(v111, '/api', 'application/json')
      expect(legacy.contentType).to.equal(undefined)
      expect(legacy.body).to.include({ kind: 'APIVersions' })
      expect(legacy.body?.versions).to.deep.equal(['v1'])
      const agg = await get(v111, '/api', KUBECTL_ACCEPT)
      expect(agg.contentType).to.equal(
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'
      )
      expect(agg.contentType).to.equal(AGGREGATED_V2)
      expect(agg.body).to.include({
        kind: 'APIGroupDiscoveryList',
        apiVersion: 'apidiscovery.k8s.io/v2',
      })
      const items = agg.body?.items as Obj[]
      expect(items.map((i) => (i.metadata as Obj).name)).to.deep.equal([''])
      const beta = await get(
        v111,
        '/apis',
        'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList'
      )
      expect(beta.contentType).to.equal(AGGREGATED_V2BETA1)
      expect(beta.body?.apiVersion).to.equal('apidiscovery.k8s.io/v2beta1')
    })

    it('puts workloads in the "all" category, and not the extensions copies', async () => {
      const agg = await body(v111, '/apis', KUBECTL_ACCEPT)
      const core = await body(v111, '/api', KUBECTL_ACCEPT)
      const categories = new Map<string, unknown>()
      for (const item of [...(core.items as Obj[]), ...(agg.items as Obj[])]) {
        const g = String((item.metadata as Obj).name)
        for (const v of item.versions as Obj[]) {
          for (const r of v.resources as Obj[])
            categories.set(`${String(r.resource)}.${g}/${String(v.version)}`, r.categories)
        }
      }
      for (const key of [
        'pods./v1',
        'services./v1',
        'deployments.apps/v1',
        'replicasets.apps/v1',
        'statefulsets.apps/v1',
        'daemonsets.apps/v1',
        'jobs.batch/v1',
      ]) {
        expect(categories.get(key), key).to.deep.equal(['all'])
      }
      for (const key of [
        'deployments.extensions/v1beta1',
        'replicasets.extensions/v1beta1',
        'configmaps./v1',
        'secrets./v1',
      ]) {
        expect(categories.has(key), key).to.equal(true)
        expect(categories.get(key), key).to.equal(undefined)
      }
      const first = (agg.items as Obj[]).find((i) => (i.metadata as Obj).name === 'apps')!
      expect((first.versions as Obj[]).map((v) => v.version)).to.deep.equal([
        'v1',
        'v1beta2',
        'v1beta1',
      ])
    })

    it('answers the fixed endpoints', async () => {
      expect(await get(v111, '/healthz')).to.include({ status: 200, text: 'ok' })
      // JSON unless the client asks for gnostic's protobuf form, as kube-apiserver answers.
      expect((await get(v111, '/openapi/v2')).contentType).to.equal('application/json')
      const pbAccept = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf'
      expect((await get(v111, '/openapi/v2', pbAccept)).contentType).to.contain('protobuf')
      const root = await body(v111, '/')
      expect(root.paths).to.include.members(['/api', '/apis', '/apis/apps/v1', '/version'])
      expect((await get(v111, '/nothing/here')).status).to.equal(404)
    })
  })

  describe('Kubernetes 1.16.0', () => {
    it('refuses extensions/v1beta1 deployments with 404 and serves apps/v1 only', async () => {
      const a = await get(v116, '/apis/extensions/v1beta1/namespaces/default/deployments')
      expect(a.status).to.equal(404)
      expect(a.body).to.include({
        reason: 'NotFound',
        message: 'the server could not find the requested resource',
      })
      const ext = resourceNames(await body(v116, '/apis/extensions/v1beta1'))
      expect(ext).to.include('ingresses')
      expect(ext).to.not.include('deployments')
      expect(versionsOf(group(await body(v116, '/apis'), 'apps'))).to.deep.equal(['v1'])
      expect((await get(v116, '/apis/apps/v1/namespaces/default/deployments')).status).to.equal(200)
    })

    it('serves apiextensions v1 (preferred) and v1beta1', async () => {
      const g = await body(v116, '/apis/apiextensions.k8s.io')
      expect(versionsOf(g)).to.deep.equal(['v1', 'v1beta1'])
      expect(g.preferredVersion).to.deep.equal({
        groupVersion: 'apiextensions.k8s.io/v1',
        version: 'v1',
      })
      expect(resourceNames(await body(v116, '/apis/apiextensions.k8s.io/v1'))).to.include(
        'customresourcedefinitions'
      )
      expect((await body(v116, '/version')).gitVersion).to.equal('v1.16.0')
    })
  })
})
