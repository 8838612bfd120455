import { expect } from 'chai'
import { labDefinition } from './lab-files.js'
import { parseYamlNode } from './yaml-reader.js'

const kind = (text: string) => parseYamlNode(text, 'kind-config.yaml')
const profile = (text: string) => parseYamlNode(text, 'lab.yaml')

const PROFILE = `
name: onap-mesh
istio: { injectorPolicy: enabled }
hardware:
  common: { pods: 110, cpu: "2" }
  control-plane: { cpu: 4, memory: 8Gi, ephemeralStorage: 80Gi }
  worker: { cpu: 8, memory: 16Gi, ephemeralStorage: 160Gi }
nodes:
  onap-mesh-worker2: { memory: 32Gi, address: 127.0.10.106 }
`

describe('labDefinition()', () => {
  it('names nodes as kind does and resolves hardware common → role → node', () => {
    const lab = labDefinition(
      kind('nodes: [{role: control-plane}, {role: worker}, {role: worker}]'),
      profile(PROFILE)
    )
    expect(lab.injectorPolicy).to.equal('enabled')
    expect(
      lab.nodes.map((n) => `${n.name} ${n.role} ${n.cpu} ${n.memory! / 2 ** 30}Gi ${n.pods}`)
    ).to.deep.equal([
      'onap-mesh-control-plane control-plane 4 8Gi 110',
      'onap-mesh-worker worker 8 16Gi 110',
      'onap-mesh-worker2 worker 8 32Gi 110',
    ])
  })

  it('lets the kind config name the cluster, and defaults to one control-plane node', () => {
    const lab = labDefinition(kind('name: other'), profile(PROFILE))
    expect(lab.nodes.map((n) => n.name)).to.deep.equal(['other-control-plane'])
  })

  it('names the field of a bad quantity or role', () => {
    expect(() =>
      labDefinition(
        kind('nodes: [{role: worker}]'),
        profile('hardware: { worker: { memory: lots } }')
      )
    ).to.throw('lab.yaml: hardware.worker.memory: "lots" is not a quantity')
    expect(() => labDefinition(kind('nodes: [{role: master}]'), profile(''))).to.throw(
      'kind-config.yaml: nodes[0]: unknown role "master"'
    )
  })
})
