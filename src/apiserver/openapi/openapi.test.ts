import { expect } from 'chai'
import { createHash } from 'node:crypto'
import {
  ALL_VERBS,
  parseKubeVersion,
  ResourceCatalog,
  type ResourceInfo,
} from '../../api/resources/index.js'
import type { GroupVersionKind } from '../../api/types.js'
import { isStatusError } from '../../api/errors.js'
import {
  openApiGroupVersionBody,
  openApiGroupVersionDoc,
  openApiIndex,
  servesOpenApiV3,
} from './index.js'

type Json = Record<string, unknown>
interface Operation {
  parameters?: { name: string; in: string }[]
  requestBody?: { content: Record<string, unknown> }
  'x-kubernetes-action'?: string
  'x-kubernetes-group-version-kind'?: GroupVersionKind
}
interface Doc {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Json> }
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete']

function customResource(
  group: string,
  version: string,
  kind: string,
  resource: string
): ResourceInfo {
  return {
    group,
    version,
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: [],
    storage: `${resource}.${group}`,
    crd: { name: `${resource}.${group}`, printerColumns: [], preserveUnknownFields: true },
  }
}

function servedKeys(catalog: ResourceCatalog): string[] {
  return catalog
    .groups()
    .flatMap((g) => g.versions.map((v) => (g.name === '' ? `api/${v}` : `apis/${g.name}/${v}`)))
}

function doc(catalog: ResourceCatalog, group: string, version: string): Doc {
  const d = openApiGroupVersionDoc(catalog, group, version)
  expect(d, `${group}/${version}`).to.not.equal(undefined)
  return d as Doc
}

function operations(d: Doc): [string, string, Operation][] {
  return Object.entries(d.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, string, Operation] => [path, m, item[m]!])
  )
}

// What kubectl's query-param verifier does: the PATCH operation of the GVK must list the parameter.
function patchSupports(d: Doc, gvk: GroupVersionKind, param: string): boolean | undefined {
  for (const [, method, op] of operations(d)) {
    const g = op['x-kubernetes-group-version-kind']
    if (
      method !== 'patch' ||
      !g ||
      g.group !== gvk.group ||
      g.version !== gvk.version ||
      g.kind !== gvk.kind
    )
      continue
    return (op.parameters ?? []).some((p) => p.name === param && p.in === 'query')
  }
  return undefined
}

describe('openApiIndex()', () => {
  it('is 404 NotFound on a 1.11 server, which has no /openapi/v3 (kube-apiserver serves it from 1.24)', () => {
    const catalog = new ResourceCatalog(parseKubeVersion('1.11.1'))
    expect(() => openApiIndex(catalog))
      .to.throw()
      .that.satisfies((e: unknown) => isStatusError(e) && e.code === 404)
    expect(openApiGroupVersionBody(catalog, 'apps', 'v1')).to.equal(undefined)
    expect(openApiGroupVersionBody(catalog, '', 'v1')).to.equal(undefined)
    // The document itself can still be built (explain's descriptions, the tests below).
    expect(openApiGroupVersionDoc(catalog, 'apps', 'v1')).to.not.equal(undefined)
  })

  it('is served from 1.24 on, not before', () => {
    expect(servesOpenApiV3(parseKubeVersion('1.23.17'))).to.equal(false)
    expect(servesOpenApiV3(parseKubeVersion('1.24.0'))).to.equal(true)
    expect(servesOpenApiV3(parseKubeVersion('1.33.0'))).to.equal(true)
    expect(servesOpenApiV3(parseKubeVersion('2.0.0'))).to.equal(true)
  })

  it('lists every group/version a 1.33 server serves', () => {
    const catalog = new ResourceCatalog(parseKubeVersion('1.33.0'))
    const index = openApiIndex(catalog)
    const keys = Object.keys(index.paths)
    expect(keys.sort()).to.deep.equal(servedKeys(catalog).sort())
    expect(keys).to.include.members([
      'api/v1',
      'apis/apps/v1',
      'apis/autoscaling/v2',
      'apis/networking.k8s.io/v1',
      'apis/admissionregistration.k8s.io/v1',
      'apis/apiextensions.k8s.io/v1',
    ])
    expect(keys).to.not.include.members(['apis/extensions/v1beta1'])
    expect(index.paths['apis/apps/v1']!.serverRelativeURL).to.match(
      /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/
    )
    expect(index.paths['api/v1']!.serverRelativeURL).to.match(/^\/openapi\/v3\/api\/v1\?hash=/)
  })

  it('changes the hash when a custom resource is added, and only for its group/version', () => {
    const catalog = new ResourceCatalog(parseKubeVersion('1.33.0'))
    const before = openApiIndex(catalog).paths
    expect(before).to.not.have.property('apis/networking.istio.io/v1alpha3')
    catalog.setCustom('virtualservices.networking.istio.io', [
      customResource('networking.istio.io', 'v1alpha3', 'VirtualService', 'virtualservices'),
    ])
    const withVs = openApiIndex(catalog).paths
    expect(withVs).to.have.property('apis/networking.istio.io/v1alpha3')
    expect(withVs['api/v1']).to.deep.equal(before['api/v1'])
    catalog.setCustom('gateways.networking.istio.io', [
      customResource('networking.istio.io', 'v1alpha3', 'Gateway', 'gateways'),
    ])
    const withGw = openApiIndex(catalog).paths
    expect(withGw['apis/networking.istio.io/v1alpha3']).to.not.deep.equal(
      withVs['apis/networking.istio.io/v1alpha3']
    )
    catalog.setCustom('gateways.networking.istio.io', [])
    expect(openApiIndex(catalog).paths['apis/networking.istio.io/v1alpha3']).to.deep.equal(
      withVs['apis/networking.istio.io/v1alpha3']
    )
  })

  it('hashes the document it serves, the same way for the same catalogue', () => {
    const a = new ResourceCatalog(parseKubeVersion('1.33.0'))
    const b = new ResourceCatalog(parseKubeVersion('1.33.0'))
    const body = openApiGroupVersionBody(a, 'apps', 'v1')!
    expect(body.hash).to.equal(createHash('sha512').update(body.body).digest('hex').toUpperCase())
    expect(openApiIndex(a)).to.deep.equal(openApiIndex(b))
    expect(JSON.parse(body.body)).to.deep.equal(openApiGroupVersionDoc(a, 'apps', 'v1'))
  })
})

describe('openApiGroupVersionDoc()', () => {
  const catalog = new ResourceCatalog(parseKubeVersion('1.11.1'))

  it('returns undefined for a group/version that is not served', () => {
    expect(openApiGroupVersionDoc(catalog, 'apps', 'v9')).to.equal(undefined)
    expect(openApiGroupVersionDoc(catalog, 'nope.example.com', 'v1')).to.equal(undefined)
    expect(openApiGroupVersionBody(catalog, 'autoscaling', 'v2')).to.equal(undefined)
  })

  it('lists collection, item and all-namespaces paths with the verbs each resource allows', () => {
    const core = doc(catalog, '', 'v1')
    expect(core.openapi).to.equal('3.0.0')
    const pods = core.paths['/api/v1/namespaces/{namespace}/pods']!
    expect(Object.keys(pods)).to.include.members(['get', 'post', 'delete'])
    expect(pods['get']!['x-kubernetes-action']).to.equal('list')
    expect(pods['delete']!['x-kubernetes-action']).to.equal('deletecollection')
    const pod = core.paths['/api/v1/namespaces/{namespace}/pods/{name}']!
    expect(METHODS.filter((m) => pod[m])).to.deep.equal(['get', 'put', 'patch', 'delete'])
    expect(Object.keys(core.paths['/api/v1/pods']!)).to.include('get').and.not.include('post')
    expect(core.paths).to.have.property('/api/v1/namespaces/{name}')
    expect(core.paths).to.have.property('/api/v1/namespaces/{name}/status')
    expect(core.paths).to.not.have.property('/api/v1/namespaces/{namespace}/namespaces')
    expect(core.paths).to.not.have.property('/api/v1/namespaces/{namespace}/pods/{name}/log')
    const cs = core.paths['/api/v1/componentstatuses/{name}']!
    expect(METHODS.filter((m) => cs[m])).to.deep.equal(['get'])
    const bindings = core.paths['/api/v1/namespaces/{namespace}/bindings']!
    expect(METHODS.filter((m) => bindings[m])).to.deep.equal(['post'])
    const apps = doc(catalog, 'apps', 'v1')
    expect(
      apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!['patch']![
        'x-kubernetes-group-version-kind'
      ]
    ).to.deep.equal({
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
    })
    const scale =
      apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']!['patch']!
    expect(scale['x-kubernetes-group-version-kind']).to.deep.equal({
      group: 'autoscaling',
      kind: 'Scale',
      version: 'v1',
    })
    expect(apps.components.schemas).to.have.property('io.k8s.api.autoscaling.v1.Scale')
  })

  it('gives every PATCH operation fieldValidation, fieldManager, dryRun and force', () => {
    for (const v of ['1.11.1', '1.33.0']) {
      const cat = new ResourceCatalog(parseKubeVersion(v))
      for (const g of cat.groups()) {
        for (const version of g.versions) {
          const patches = operations(doc(cat, g.name, version)).filter(([, m]) => m === 'patch')
          for (const [path, , op] of patches) {
            const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
            expect(names, path).to.include.members([
              'fieldValidation',
              'fieldManager',
              'dryRun',
              'force',
            ])
            expect(op['x-kubernetes-action'], path).to.equal('patch')
          }
        }
      }
    }
  })

  it('answers kubectl’s fieldValidation check for the kinds the install applies', () => {
    const apps = doc(catalog, 'apps', 'v1')
    expect(
      patchSupports(apps, { group: 'apps', version: 'v1', kind: 'Deployment' }, 'fieldValidation')
    ).to.equal(true)
    expect(
      patchSupports(apps, { group: 'apps', version: 'v1', kind: 'Nope' }, 'fieldValidation')
    ).to.equal(undefined)
    const core = doc(catalog, '', 'v1')
    for (const kind of ['Service', 'ConfigMap', 'ServiceAccount', 'Namespace', 'Secret']) {
      expect(
        patchSupports(core, { group: '', version: 'v1', kind }, 'fieldValidation'),
        kind
      ).to.equal(true)
    }
    expect(
      patchSupports(core, { group: '', version: 'v1', kind: 'ComponentStatus' }, 'fieldValidation')
    ).to.equal(undefined)
    const ext = doc(catalog, 'extensions', 'v1beta1')
    expect(
      patchSupports(
        ext,
        { group: 'extensions', version: 'v1beta1', kind: 'Deployment' },
        'fieldValidation'
      )
    ).to.equal(true)
  })

  it('does not advertise strategic merge patch, so kubectl uses its compiled-in types', () => {
    for (const [path, method, op] of operations(doc(catalog, 'apps', 'v1'))) {
      if (method !== 'patch') continue
      expect(Object.keys(op.requestBody!.content), path).to.include('application/merge-patch+json')
      expect(Object.keys(op.requestBody!.content), path).to.not.include(
        'application/strategic-merge-patch+json'
      )
    }
  })

  it("has the release's real schema per kind and list", () => {
    const apps = doc(catalog, 'apps', 'v1')
    const dep = apps.components.schemas['io.k8s.api.apps.v1.Deployment']!
    expect(dep['x-kubernetes-group-version-kind']).to.deep.equal([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ])
    expect(Object.keys(dep['properties'] as Json)).to.have.members([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'status',
    ])
    expect(dep).to.not.have.property('x-kubernetes-preserve-unknown-fields')
    const strategy = apps.components.schemas['io.k8s.api.apps.v1.DeploymentStrategy']!
    const props = strategy['properties'] as Record<string, Json>
    expect(props['type']).to.deep.include({ type: 'string' })
    expect(JSON.stringify(props['rollingUpdate'])).to.contain(
      '#/components/schemas/io.k8s.api.apps.v1.RollingUpdateDeployment'
    )
    const list = apps.components.schemas['io.k8s.api.apps.v1.DeploymentList']!
    expect(list['x-kubernetes-group-version-kind']).to.deep.equal([
      { group: 'apps', kind: 'DeploymentList', version: 'v1' },
    ])
    // 1.11 has no Deployment field added later (spec.template.spec.ephemeralContainers: 1.16).
    const podSpec = apps.components.schemas['io.k8s.api.core.v1.PodSpec']!
    expect(podSpec['properties']).to.not.have.property('ephemeralContainers')
    expect(
      doc(new ResourceCatalog(parseKubeVersion('1.33.0')), 'apps', 'v1').components.schemas[
        'io.k8s.api.core.v1.PodSpec'
      ]!['properties']
    ).to.have.property('ephemeralContainers')
    // Every $ref points at a schema of the same document.
    const refs = JSON.stringify(apps).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? []
    for (const ref of refs) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1)
      expect(apps.components.schemas, name).to.have.property(name)
    }
  })

  it('describes custom resources too', () => {
    const cat = new ResourceCatalog(parseKubeVersion('1.11.1'))
    cat.setCustom('gateways.networking.istio.io', [
      customResource('networking.istio.io', 'v1alpha3', 'Gateway', 'gateways'),
    ])
    const istio = doc(cat, 'networking.istio.io', 'v1alpha3')
    const gvk = { group: 'networking.istio.io', version: 'v1alpha3', kind: 'Gateway' }
    expect(patchSupports(istio, gvk, 'fieldValidation')).to.equal(true)
    expect(istio.paths).to.have.property(
      '/apis/networking.istio.io/v1alpha3/namespaces/{namespace}/gateways/{name}'
    )
    expect(istio.paths).to.have.property('/apis/networking.istio.io/v1alpha3/gateways')
    const gw = istio.components.schemas['io.istio.networking.v1alpha3.Gateway']!
    expect(gw['x-kubernetes-preserve-unknown-fields']).to.equal(true)
  })

  it('returns a copy that callers may change', () => {
    const d = doc(catalog, 'batch', 'v1')
    d.paths = {}
    expect(Object.keys(doc(catalog, 'batch', 'v1').paths)).to.not.have.length(0)
  })
})
