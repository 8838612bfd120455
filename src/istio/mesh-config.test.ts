import { expect } from 'chai'
import { parseInjectorConfig, parseInjectorConfigMap } from './injector-config.js'
import { defaultMeshConfig, parseMeshConfig, parseMeshConfigMap } from './mesh-config.js'

describe('parseMeshConfig()', () => {
  it('applies 1.0 defaults under the YAML, per field of defaultConfig too', () => {
    const mesh = parseMeshConfig(`
disablePolicyChecks: false
mixerCheckServer: istio-policy.istio-system.svc.cluster.local:9091
defaultConfig:
  connectTimeout: 10s
  drainDuration: 45s
  parentShutdownDuration: 1m0s
  discoveryAddress: istio-pilot.istio-system:15007
  controlPlaneAuthPolicy: NONE
`)
    expect(mesh.proxyListenPort).to.equal(15001)
    expect(mesh.mixerCheckServer).to.equal('istio-policy.istio-system.svc.cluster.local:9091')
    expect(mesh.defaultConfig.connectTimeout).to.equal('10s')
    expect(mesh.defaultConfig.parentShutdownDuration).to.equal('1m0s')
    // Left out of the YAML: Istio 1.0 defaults.
    expect(mesh.defaultConfig.discoveryRefreshDelay).to.equal('1s')
    expect(mesh.defaultConfig.interceptionMode).to.equal('REDIRECT')
    expect(mesh.defaultConfig.proxyAdminPort).to.equal(15000)
  })

  it('returns the defaults for an empty document and canonicalises durations', () => {
    expect(parseMeshConfig('')).to.deep.equal(defaultMeshConfig())
    expect(
      parseMeshConfig('defaultConfig: {drainDuration: 60s}').defaultConfig.drainDuration
    ).to.equal('1m0s')
  })

  it('accepts snake_case names and numeric enums like jsonpb', () => {
    const mesh = parseMeshConfig(
      'proxy_listen_port: 15002\ndefaultConfig: {control_plane_auth_policy: 1}'
    )
    expect(mesh.proxyListenPort).to.equal(15002)
    expect(mesh.defaultConfig.controlPlaneAuthPolicy).to.equal('MUTUAL_TLS')
  })

  it('copies the deprecated mixerAddress into check and report servers', () => {
    const mesh = parseMeshConfig('mixerAddress: istio-mixer:9091')
    expect([mesh.mixerCheckServer, mesh.mixerReportServer]).to.deep.equal([
      'istio-mixer:9091',
      'istio-mixer:9091',
    ])
  })

  it('refuses unknown fields, bad enums, bad durations and bad ports', () => {
    expect(() => parseMeshConfig('neverInjectSelector: []')).to.throw(
      'unknown field "neverInjectSelector" in v1alpha1.MeshConfig'
    )
    expect(() => parseMeshConfig('defaultConfig: {interceptionMode: NONE}')).to.throw(
      'unknown enum value "NONE"'
    )
    expect(() => parseMeshConfig('defaultConfig: {drainDuration: 45}')).to.throw(
      'duration must be a string'
    )
    expect(() => parseMeshConfig('connectTimeout: 10')).to.throw()
    expect(() => parseMeshConfig('proxyListenPort: 70000')).to.throw('port number 70000')
    expect(() => parseMeshConfig('- a list')).to.throw('not a YAML map')
    expect(() => parseMeshConfigMap({})).to.throw('no "mesh" key')
  })
})

describe('parseInjectorConfigMap()', () => {
  it('reads policy and template from the config key', () => {
    const config = parseInjectorConfigMap({
      config: 'policy: enabled\ntemplate: |-\n  containers:\n  - name: x\n',
    })
    expect(config).to.deep.equal({ policy: 'enabled', template: 'containers:\n- name: x' })
  })

  it('keeps unknown policies as strings and defaults missing fields to ""', () => {
    expect(parseInjectorConfig('policy: sometimes')).to.deep.equal({
      policy: 'sometimes',
      template: '',
    })
    expect(parseInjectorConfig('')).to.deep.equal({ policy: '', template: '' })
  })

  it('refuses a ConfigMap without config and a non-map config', () => {
    expect(() => parseInjectorConfigMap({ policy: 'enabled' })).to.throw('has no "config" key')
    expect(() => parseInjectorConfig('[1, 2]')).to.throw('not a YAML map')
    expect(() => parseInjectorConfig('template: {a: 1}')).to.throw('template must be a string')
  })
})
