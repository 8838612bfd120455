import { expect } from 'chai'
import { ResourceCatalog } from './resource-catalog.js'
import { parseKubeVersion } from './kube-version.js'
import { runtimeConfigEnabled } from './runtime-config.js'

const served = (runtimeConfig: Record<string, string>) =>
  new ResourceCatalog(parseKubeVersion('1.11.1'), runtimeConfigEnabled(runtimeConfig))
    .resources()
    .map((r) => `${r.group}/${r.version}/${r.resource}`)

describe('runtimeConfigEnabled()', () => {
  it('turns on a group/version set to true', () => {
    expect(runtimeConfigEnabled({ 'settings.k8s.io/v1alpha1': 'true' })).to.deep.equal([
      'settings.k8s.io/v1alpha1',
    ])
    expect(served({ 'settings.k8s.io/v1alpha1': 'true' })).to.include(
      'settings.k8s.io/v1alpha1/podpresets'
    )
  })

  it('turns on every alpha group/version of the records for api/alpha or api/all', () => {
    for (const key of ['api/alpha', 'api/all'])
      expect(runtimeConfigEnabled({ [key]: 'true' })).to.deep.equal([
        'admissionregistration.k8s.io/v1alpha1',
        'settings.k8s.io/v1alpha1',
      ])
  })

  it('negative: nothing for false or an empty config, and the alpha APIs stay unserved', () => {
    expect(runtimeConfigEnabled({})).to.deep.equal([])
    expect(
      runtimeConfigEnabled({ 'settings.k8s.io/v1alpha1': 'false', 'api/alpha': 'false' })
    ).to.deep.equal([])
    expect(served({})).not.to.include('settings.k8s.io/v1alpha1/podpresets')
  })
})
