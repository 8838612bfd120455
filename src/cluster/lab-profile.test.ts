import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { ConfigFileError, parseLabProfile } from './index.js'

const SRC = 'lab/lab.yaml'
const HEAD =
  'apiVersion: onap-mesh-lab/v1alpha1\nkind: LabProfile\nname: t\nversions: {kubernetes: 1.11.1}\n'

/** Returns the error parseLabProfile throws for `text` (fails the test when it does not throw). */
function failure(text: string): ConfigFileError {
  try {
    parseLabProfile(text, SRC)
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigFileError)
    return err as ConfigFileError
  }
  expect.fail('parseLabProfile accepted an invalid profile')
}

describe('parseLabProfile()', () => {
  it('loads the default lab profile', () => {
    const p = parseLabProfile(
      readFileSync(new URL('../../lab/lab.yaml', import.meta.url), 'utf8'),
      SRC
    )
    expect(p.name).to.equal('onap-mesh')
    expect(p.versions).to.deep.equal({ kubernetes: '1.11.1', istio: '1.0.0' })
    expect(p.timeFactor).to.be.greaterThan(0).and.lessThan(1)
    expect(p.networking).to.deep.equal({
      serviceSubnet: '10.96.0.0/12',
      podSubnet: '192.168.0.0/16',
      nodeAddressStart: '127.0.10.104',
    })
    expect(p.istio.injectorPolicy).to.equal('disabled')
    expect(p.hardware.worker).to.include({ cpu: '8', memory: '16Gi' })
    expect(p.nodes['onap-mesh-control-plane']!.address).to.equal('127.0.10.104')
    expect(p.charts.map((c) => c.release)).to.deep.equal(['common', 'msb', 'vfc', 'multicloud'])
    expect(p.charts[1]!.values).to.deep.equal([])
  })

  it('applies defaults to a minimal profile', () => {
    const p = parseLabProfile(HEAD, SRC)
    expect(p).to.deep.include({
      timeFactor: 1,
      versions: { kubernetes: '1.11.1', istio: '1.0.0' },
      istio: { injectorPolicy: 'disabled' },
      hardware: {},
      nodes: {},
      charts: [],
    })
    expect(p.networking.serviceSubnet).to.equal('10.96.0.0/12')
  })

  it('refuses unknown fields, naming the file, line and path', () => {
    const err = failure(
      `${HEAD}hardware:\n  worker:\n    memroy: 16Gi\nnodes:\n  a:\n    adress: 127.0.0.2\n`
    )
    expect(err.message).to.equal(
      'lab/lab.yaml:7: unknown field "hardware.worker.memroy" (field memroy not found in type Hardware)\n' +
        'lab/lab.yaml:10: unknown field "nodes[\"a\"].adress" (field adress not found in type Node)'
    )
  })

  it('refuses a bad memory quantity with the path and the quantity grammar', () => {
    const err = failure(`${HEAD}hardware:\n  worker:\n    memory: 16GG\n`)
    expect(err.message).to.equal(
      "lab/lab.yaml:7: hardware.worker.memory: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )
    expect(failure(`${HEAD}hardware:\n  common:\n    memory: 64Mi\n`).message).to.include(
      'hardware.common.memory: memory "64Mi" must exceed'
    )
    expect(
      failure(`${HEAD}nodes:\n  x:\n    cpu: "0"\n    pods: 0\n`).problems.map((p) => p.path)
    ).to.deep.equal(['nodes["x"].cpu', 'nodes["x"].pods'])
  })

  it('refuses bad values elsewhere with their paths', () => {
    const err = failure(`apiVersion: v1
kind: Profile
name: Onap Mesh
versions: {kubernetes: "1.x", istio: latest}
timeFactor: 0
networking: {podSubnet: 192.168.0.0, nodeAddressStart: 10.12.5.104}
istio: {injectorPolicy: on}
hardware:
  common: {containerRuntimeVersion: docker-17.3.2, kubeletVersion: 1.11.1}
charts:
  - {chart: local/msb}
`)
    expect(err.problems.map((p) => `${p.line} ${p.path}`)).to.deep.equal([
      '1 apiVersion',
      '2 kind',
      '3 name',
      '4 versions.kubernetes',
      '4 versions.istio',
      '5 timeFactor',
      '6 networking.podSubnet',
      '6 networking.nodeAddressStart',
      '7 istio.injectorPolicy',
      '9 hardware.common.containerRuntimeVersion',
      '9 hardware.common.kubeletVersion',
      '11 charts[0].release',
      '11 charts[0].namespace',
    ])
    expect(err.message).to.include(
      'lab/lab.yaml:6: networking.nodeAddressStart: invalid address "10.12.5.104": want an IPv4 loopback address (127.0.0.0/8)'
    )
  })
})
