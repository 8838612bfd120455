import { expect } from 'chai'
import {
  compareKubeVersions,
  parseKubeVersion,
  ResourceCatalog,
  versionInfo,
  type ResourceInfo,
} from './index.js'

function served(c: ResourceCatalog, group: string, resource: string): string[] {
  return c
    .resources()
    .filter((r) => r.group === group && r.resource === resource)
    .map((r) => r.version)
}

describe('parseKubeVersion()', () => {
  it('parses MAJOR.MINOR[.PATCH] with or without the v prefix', () => {
    expect(parseKubeVersion('1.11.1')).to.deep.equal({
      major: 1,
      minor: 11,
      patch: 1,
      gitVersion: 'v1.11.1',
    })
    expect(parseKubeVersion('v1.16')).to.deep.equal({
      major: 1,
      minor: 16,
      patch: 0,
      gitVersion: 'v1.16.0',
    })
    expect(parseKubeVersion(' 1.33.9 ').minor).to.equal(33)
  })

  it('refuses anything else, naming the expected form', () => {
    for (const bad of ['', '1', '1.x', 'latest', '1.11.1-beta', 'v1.11.1.1']) {
      expect(() => parseKubeVersion(bad), bad).to.throw(
        /invalid kubernetes version .*want MAJOR.MINOR.PATCH/
      )
    }
  })
})

describe('versionInfo()', () => {
  it('answers the /version fields of the profile version', () => {
    const v = versionInfo(parseKubeVersion('1.11.1'))
    expect(v).to.include({
      major: '1',
      minor: '11',
      gitVersion: 'v1.11.1',
      compiler: 'gc',
      platform: 'linux/amd64',
    })
    expect(v.goVersion).to.equal('go1.10.3')
  })
})

describe('compareKubeVersions()', () => {
  it('sorts GA before beta before alpha, higher first, others last alphabetically', () => {
    const sorted = [
      'v1beta1',
      'foo',
      'v1',
      'v2alpha1',
      'v2beta2',
      'v2',
      'v1beta2',
      'bar',
      'v1alpha1',
    ].sort(compareKubeVersions)
    expect(sorted).to.deep.equal([
      'v2',
      'v1',
      'v2beta2',
      'v1beta2',
      'v1beta1',
      'v2alpha1',
      'v1alpha1',
      'bar',
      'foo',
    ])
  })
})

describe('ResourceCatalog', () => {
  const v111 = new ResourceCatalog(parseKubeVersion('1.11.1'))
  const v116 = new ResourceCatalog(parseKubeVersion('1.16.0'))
  const v125 = new ResourceCatalog(parseKubeVersion('1.25.0'))

  it('serves the group/versions of its Kubernetes version', () => {
    expect(served(v111, 'extensions', 'deployments')).to.deep.equal(['v1beta1'])
    expect(served(v116, 'extensions', 'deployments')).to.deep.equal([])
    expect(served(v111, 'apps', 'deployments')).to.have.members(['v1', 'v1beta2', 'v1beta1'])
    expect(served(v116, 'apps', 'deployments')).to.deep.equal(['v1'])
    expect(served(v111, 'apiextensions.k8s.io', 'customresourcedefinitions')).to.deep.equal([
      'v1beta1',
    ])
    expect(served(v116, 'apiextensions.k8s.io', 'customresourcedefinitions')).to.have.members([
      'v1',
      'v1beta1',
    ])
    expect(served(v125, 'apiextensions.k8s.io', 'customresourcedefinitions')).to.deep.equal(['v1'])
    expect(
      served(v111, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations')
    ).to.deep.equal(['v1beta1'])
    expect(served(v111, 'autoscaling', 'horizontalpodautoscalers')).to.have.members([
      'v1',
      'v2beta1',
    ])
    expect(served(v111, 'batch', 'cronjobs')).to.deep.equal(['v1beta1'])
    expect(served(v111, 'networking.k8s.io', 'ingresses')).to.deep.equal([])
  })

  it('looks resources up by group/version/resource and by kind', () => {
    const d = v111.lookup('extensions', 'v1beta1', 'deployments')!
    expect(d).to.include({
      kind: 'Deployment',
      namespaced: true,
      storage: 'deployments',
      singular: 'deployment',
    })
    expect(v111.lookupKind('apps', 'v1', 'Deployment')?.resource).to.equal('deployments')
    expect(v111.lookup('', 'v1', 'deployments')).to.equal(undefined)
    expect(v116.lookup('extensions', 'v1beta1', 'deployments')).to.equal(undefined)
    expect(v111.lookup('', 'v1', 'namespaces')?.namespaced).to.equal(false)
  })

  it('shares storage between the versions and groups of one kind', () => {
    const apiVersions = (c: ResourceCatalog) =>
      c.sharingStorage('deployments').map((r) => `${r.group}/${r.version}`)
    expect(apiVersions(v111)).to.have.members([
      'apps/v1',
      'apps/v1beta2',
      'apps/v1beta1',
      'extensions/v1beta1',
    ])
    expect(apiVersions(v116)).to.deep.equal(['apps/v1'])
  })

  it('describes subresources with the kind and group/version they answer', () => {
    const pods = v111.lookup('', 'v1', 'pods')!
    const sub = Object.fromEntries(pods.subresources.map((s) => [s.name, s]))
    expect(sub.log).to.include({ kind: 'Pod', group: '', version: 'v1' })
    expect(sub.log?.verbs).to.deep.equal(['get'])
    expect(sub.binding?.verbs).to.deep.equal(['create'])
    expect(sub.eviction).to.include({ kind: 'Eviction', group: 'policy', version: 'v1beta1' })
    expect(sub.status?.verbs).to.deep.equal(['get', 'patch', 'update'])
    const scale = (c: ResourceCatalog, g: string, v: string) =>
      c.lookup(g, v, 'deployments')!.subresources.find((s) => s.name === 'scale')
    expect(scale(v111, 'apps', 'v1')).to.include({
      kind: 'Scale',
      group: 'autoscaling',
      version: 'v1',
    })
    expect(scale(v111, 'extensions', 'v1beta1')).to.include({
      kind: 'Scale',
      group: 'extensions',
      version: 'v1beta1',
    })
  })

  it('lists groups core first, then in kube-apiserver order, versions preferred first', () => {
    const groups = v111.groups()
    expect(groups[0]).to.deep.equal({ name: '', versions: ['v1'] })
    const names = groups.map((g) => g.name)
    expect(names.indexOf('extensions')).to.be.lessThan(names.indexOf('apps'))
    expect(names.indexOf('apps')).to.be.lessThan(names.indexOf('batch'))
    expect(groups.find((g) => g.name === 'autoscaling')?.versions).to.deep.equal(['v1', 'v2beta1'])
  })

  it('puts only the user-facing workloads in the "all" category', () => {
    const all = v111
      .resources()
      .filter((r) => r.categories.includes('all'))
      .map((r) => `${r.resource}.${r.group}/${r.version}`)
    expect(all).to.include.members([
      'pods./v1',
      'services./v1',
      'deployments.apps/v1',
      'jobs.batch/v1',
    ])
    expect(all.some((a) => a.includes('.extensions/'))).to.equal(false)
    expect(all).to.not.include('configmaps./v1')
  })

  it('adds and removes custom resources, telling listeners', () => {
    const c = new ResourceCatalog(parseKubeVersion('1.11.1'))
    let changes = 0
    c.onChange(() => changes++)
    const widget: ResourceInfo = {
      group: 'example.com',
      version: 'v1',
      resource: 'widgets',
      kind: 'Widget',
      singular: 'widget',
      namespaced: true,
      shortNames: [],
      categories: [],
      verbs: ['get', 'list'],
      subresources: [],
      storage: 'widgets.example.com',
    }
    c.setCustom('widgets.example.com', [widget])
    expect(c.lookup('example.com', 'v1', 'widgets')).to.equal(widget)
    expect(c.groups().map((g) => g.name)).to.include('example.com')
    c.setCustom('widgets.example.com', [])
    expect(c.lookup('example.com', 'v1', 'widgets')).to.equal(undefined)
    expect(c.groups().map((g) => g.name)).to.not.include('example.com')
    expect(changes).to.equal(2)
  })
})
