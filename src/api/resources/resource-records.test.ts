import { expect } from 'chai'
import { checkRecord } from './builtin-records.js'
import { builtinResources } from './builtin-resources.js'
import { parseKubeVersion, ResourceCatalog, type ResourceRecord } from './index.js'

const v111 = parseKubeVersion('1.11.1')

const widget: ResourceRecord = {
  group: 'example.com',
  kind: 'Widget',
  resource: 'widgets',
  namespaced: true,
  served: [['v1', 0, 99]],
}

describe('resource records', () => {
  it('serves the records added as one file each (VolumeAttachment in 1.11; not before 1.10)', () => {
    const c = new ResourceCatalog(v111)
    expect(c.lookup('storage.k8s.io', 'v1beta1', 'volumeattachments')).to.include({
      kind: 'VolumeAttachment',
      namespaced: false,
      storage: 'volumeattachments.storage.k8s.io',
    })
    const v19 = new ResourceCatalog(parseKubeVersion('1.9.0'))
    expect(v19.lookup('storage.k8s.io', 'v1beta1', 'volumeattachments')).to.equal(undefined)
  })

  it('serves an alpha record only once its group/version is enabled (--runtime-config)', () => {
    const c = new ResourceCatalog(v111)
    expect(c.lookup('settings.k8s.io', 'v1alpha1', 'podpresets')).to.equal(undefined)
    expect(c.groups().map((g) => g.name)).not.to.include('settings.k8s.io')
    let changed = 0
    c.onChange(() => changed++)
    expect(c.enable('settings.k8s.io/v1alpha1')).to.equal(true)
    expect(c.lookup('settings.k8s.io', 'v1alpha1', 'podpresets')).to.include({ namespaced: true })
    expect(changed).to.equal(1)
    expect(c.enable('nothing.example.com/v1')).to.equal(false)
    expect(changed).to.equal(1)
    const enabled = new ResourceCatalog(v111, ['settings.k8s.io/v1alpha1'])
    expect(enabled.lookup('settings.k8s.io', 'v1alpha1', 'podpresets')).not.to.equal(undefined)
    // Not served by 1.20, whatever is enabled.
    const v120 = new ResourceCatalog(parseKubeVersion('1.20.0'), ['settings.k8s.io/v1alpha1'])
    expect(v120.lookup('settings.k8s.io', 'v1alpha1', 'podpresets')).to.equal(undefined)
  })

  it('gives every group and version of one storage the strategy of its one record', () => {
    const c = new ResourceCatalog(v111)
    const apps = c.lookup('apps', 'v1', 'deployments')!
    const ext = c.lookup('extensions', 'v1beta1', 'deployments')!
    expect(apps.strategy).to.be.an('object')
    expect(ext.strategy).to.equal(apps.strategy)
    expect(c.lookup('', 'v1', 'configmaps')!.strategy).to.equal(undefined)
    expect(() =>
      builtinResources(v111, new Set(), [
        { ...widget, strategy: {} },
        { ...widget, group: 'other.example.com', storage: 'widgets.example.com', strategy: {} },
      ])
    ).to.throw('failed to load the resource records: two strategies for widgets.example.com')
  })

  it('lists resources as kube-apiserver does: groups in its order, resources by name', () => {
    const core = new ResourceCatalog(v111)
      .resources()
      .filter((r) => r.group === '')
      .map((r) => r.resource)
    expect(core).to.deep.equal([...core].sort())
    expect(core[0]).to.equal('bindings')
  })

  it('refuses a record file that is not a record, naming the file and the problem', () => {
    expect(checkRecord(widget, 'example.com/widgets.ts', 'example.com')).to.equal(widget)
    expect(() => checkRecord(undefined, 'core/x.ts', 'core')).to.throw(
      'failed to load the resource record core/x.ts: it has no default export'
    )
    expect(() => checkRecord(widget, 'apps/widgets.ts', 'apps')).to.throw(
      `apps/widgets.ts: group "example.com" is not its folder's`
    )
    expect(() => checkRecord(widget, 'example.com/gadgets.ts', 'example.com')).to.throw(
      'the file is not named after widgets'
    )
    expect(() =>
      checkRecord({ ...widget, served: [] }, 'example.com/widgets.ts', 'example.com')
    ).to.throw('served is missing')
  })
})
