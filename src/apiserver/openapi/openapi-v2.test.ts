import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import protobuf from 'protobufjs'
import { parseKubeVersion, ResourceCatalog } from '../../api/resources/index.js'
import { openApiV2Bodies, openApiV2Document, wantsOpenApiV2Protobuf } from './index.js'

type Json = Record<string, unknown>

function decode(buf: Buffer): Json {
  const src = readFileSync(new URL('./proto/openapiv2.proto', import.meta.url), 'utf8')
  const root = protobuf.parse(src, { keepCase: true }).root
  const type = root.lookupType('openapi.v2.Document')
  return type.toObject(type.decode(buf)) as Json
}

describe('/openapi/v2', () => {
  const v111 = new ResourceCatalog(parseKubeVersion('1.11.1'))

  it("holds the release's definitions of every served built-in kind", () => {
    const doc = openApiV2Document(v111)
    expect(doc).to.include({ swagger: '2.0' })
    const defs = doc['definitions'] as Record<string, Json>
    const container = defs['io.k8s.api.core.v1.Container']!
    const props = container['properties'] as Record<string, Json>
    expect(props['image']).to.include({ type: 'string' })
    expect(props['image'])
      .to.have.property('description')
      .that.matches(/^The image to run/)
    expect(props).to.not.have.property('startupProbe')
    expect(defs).to.have.property('io.k8s.api.extensions.v1beta1.Deployment')
    expect(defs).to.have.property('io.k8s.api.policy.v1beta1.PodSecurityPolicy')
    // Kinds 1.11 does not serve are left out.
    expect(defs).to.not.have.property('io.k8s.api.batch.v1.CronJob')
    const v133 = openApiV2Document(new ResourceCatalog(parseKubeVersion('1.33.0')))
    expect(v133['definitions']).to.have.property('io.k8s.api.batch.v1.CronJob')
  })

  it("encodes the same document in gnostic's protobuf form, vendor extensions as YAML", () => {
    const { protobuf: pb, json } = openApiV2Bodies(v111)
    const doc = decode(pb)
    expect(doc['swagger']).to.equal('2.0')
    expect(doc['info']).to.deep.equal({ title: 'Kubernetes', version: 'v1.11.1' })
    const named = (doc['definitions'] as { additional_properties: { name: string; value: Json }[] })
      .additional_properties
    expect(named.length).to.equal(Object.keys(JSON.parse(json).definitions).length)
    const pod = named.find((n) => n.name === 'io.k8s.api.core.v1.Pod')!.value
    const ext = pod['vendor_extension'] as { name: string; value: { yaml: string } }[]
    const gvk = ext.find((e) => e.name === 'x-kubernetes-group-version-kind')!
    expect(JSON.parse(gvk.value.yaml)).to.deep.equal([{ group: '', kind: 'Pod', version: 'v1' }])
    const props = (pod['properties'] as { additional_properties: { name: string; value: Json }[] })
      .additional_properties
    expect(props.find((p) => p.name === 'spec')!.value['_ref']).to.equal(
      '#/definitions/io.k8s.api.core.v1.PodSpec'
    )
  })

  it('keeps its bodies when a CRD changes what is served, and builds them again when a built-in group is enabled', () => {
    const catalog = new ResourceCatalog(parseKubeVersion('1.11.1'))
    const first = openApiV2Bodies(catalog)
    const crd = catalog.lookup('apps', 'v1', 'deployments')!
    catalog.setCustom('widgets.example.com', [
      { ...crd, group: 'example.com', version: 'v1', resource: 'widgets', kind: 'Widget' },
    ])
    expect(catalog.lookup('example.com', 'v1', 'widgets')).to.not.equal(undefined)
    expect(openApiV2Bodies(catalog)).to.equal(first)
    expect(catalog.enable('settings.k8s.io/v1alpha1')).to.equal(true)
    const again = openApiV2Bodies(catalog)
    expect(again).to.not.equal(first)
    expect(JSON.parse(again.json).definitions).to.have.property(
      'io.k8s.api.settings.v1alpha1.PodPreset'
    )
    expect(JSON.parse(first.json).definitions).to.not.have.property(
      'io.k8s.api.settings.v1alpha1.PodPreset'
    )
  })

  it('answers protobuf only when asked for it', () => {
    expect(
      wantsOpenApiV2Protobuf('application/com.github.proto-openapi.spec.v2@v1.0+protobuf')
    ).to.equal(true)
    expect(wantsOpenApiV2Protobuf('application/json')).to.equal(false)
    expect(wantsOpenApiV2Protobuf(undefined)).to.equal(false)
  })
})
