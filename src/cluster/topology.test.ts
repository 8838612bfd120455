import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { buildTopology, parseKindConfig, parseLabProfile } from './index.js'
import type { KindConfig, LabProfile, Topology } from './index.js'

const read = (file: string): string =>
  readFileSync(new URL(`../../lab/${file}`, import.meta.url), 'utf8')
const KIND_HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n'
const PROFILE = `apiVersion: onap-mesh-lab/v1alpha1
kind: LabProfile
name: t
versions: {kubernetes: 1.11.1}
hardware:
  common: {cpu: 2, memory: 4Gi, ephemeralStorage: 40Gi, osImage: Ubuntu 16.04.5 LTS,
           kernelVersion: 4.4.0-133-generic, containerRuntimeVersion: docker://17.3.2}
`
const BARE = PROFILE.replace(/hardware:[\s\S]*$/, '')

const kind = (nodes: string, extra = ''): KindConfig =>
  parseKindConfig(`${KIND_HEAD}${extra}nodes:\n${nodes}`, 'kind.yaml')
const profile = (extra = ''): LabProfile => parseLabProfile(`${PROFILE}${extra}`, 'lab.yaml')
const THREE = '- role: control-plane\n- role: worker\n- role: worker\n'

/** Returns the message buildTopology throws (fails the test when it does not throw). */
function failure(k: KindConfig, p: LabProfile): string {
  try {
    buildTopology(k, p)
  } catch (err) {
    return (err as Error).message
  }
  expect.fail('buildTopology accepted an invalid lab')
}

describe('buildTopology()', () => {
  it("carries the kind config's runtimeConfig for the API server, and refuses a value that is not true or false", () => {
    const on = buildTopology(
      kind(THREE, 'runtimeConfig:\n  settings.k8s.io/v1alpha1: "true"\n'),
      profile()
    )
    expect(on.runtimeConfig).to.deep.equal({ 'settings.k8s.io/v1alpha1': 'true' })
    expect(buildTopology(kind(THREE), profile()).runtimeConfig).to.deep.equal({})
    expect(failure(kind(THREE, 'runtimeConfig:\n  api/alpha: "maybe"\n'), profile())).to.equal(
      'kind.yaml: runtimeConfig."api/alpha": "maybe" is not true or false (kube-apiserver --runtime-config)'
    )
  })

  it('builds the default lab: a master and two workers with loopback addresses and /24s', () => {
    const t: Topology = buildTopology(
      parseKindConfig(read('kind-config.yaml'), 'lab/kind-config.yaml'),
      parseLabProfile(read('lab.yaml'), 'lab/lab.yaml')
    )
    expect(t).to.include({
      name: 'onap-mesh',
      kubernetesVersion: 'v1.11.1',
      podSubnet: '192.168.0.0/16',
      serviceSubnet: '10.96.0.0/12',
      apiServerEndpoint: '127.0.10.104:6443',
    })
    expect(t.nodes.map((n) => [n.name, n.role, n.address, n.podCIDR])).to.deep.equal([
      ['onap-mesh-control-plane', 'control-plane', '127.0.10.104', '192.168.0.0/24'],
      ['onap-mesh-worker', 'worker', '127.0.10.105', '192.168.1.0/24'],
      ['onap-mesh-worker2', 'worker', '127.0.10.106', '192.168.2.0/24'],
    ])
    expect(t.nodes.map((n) => n.taints)).to.deep.equal([
      [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      [],
      [],
    ])
    expect(t.nodes[0]!.hardware).to.include({ cpu: 4, memory: 8 * 2 ** 30, pods: 110 })
    expect(t.nodes[2]!.hardware).to.deep.equal({
      cpu: 8,
      memory: 16 * 2 ** 30,
      ephemeralStorage: 160 * 2 ** 30,
      pods: 110,
      osImage: 'Ubuntu 16.04.5 LTS',
      kernelVersion: '4.4.0-133-generic',
      containerRuntimeVersion: 'docker://17.3.2',
      kubeletVersion: 'v1.11.1',
      kubeProxyVersion: 'v1.11.1',
    })
  })

  it('lets the kind config name and subnets win over the profile', () => {
    const k = kind(
      THREE,
      'name: lab2\nnetworking: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.97.0.0/16}\n'
    )
    const t = buildTopology(k, profile('networking: {podSubnet: 192.168.0.0/16}\n'))
    expect(t.nodes.map((n) => n.name)).to.deep.equal([
      'lab2-control-plane',
      'lab2-worker',
      'lab2-worker2',
    ])
    expect(t.nodes[1]!.podCIDR).to.equal('10.244.1.0/24')
    expect(t.serviceSubnet).to.equal('10.97.0.0/16')
  })

  it('names nodes per role as kind does and resolves hardware common → role → node', () => {
    const k = kind(
      '- role: control-plane\n- role: control-plane\n- role: worker\n  labels: {tier: db}\n'
    )
    const p = parseLabProfile(
      BARE +
        'hardware:\n  common: {cpu: 2, memory: 4Gi, ephemeralStorage: 40Gi, osImage: x, kernelVersion: y,\n' +
        '           containerRuntimeVersion: docker://17.3.2, pods: 50}\n' +
        '  worker: {cpu: 8}\nnodes:\n  t-worker: {memory: 32Gi, kubeletVersion: v1.11.2}\n',
      'lab.yaml'
    )
    const t = buildTopology(k, p)
    expect(t.nodes.map((n) => n.name)).to.deep.equal([
      't-control-plane',
      't-control-plane2',
      't-worker',
    ])
    expect(t.nodes[1]!.taints).to.have.length(1)
    expect(t.nodes[2]!.labels).to.deep.equal({ tier: 'db' })
    expect(t.nodes[2]!.hardware).to.include({
      cpu: 8,
      memory: 32 * 2 ** 30,
      pods: 50,
      kubeletVersion: 'v1.11.2',
      kubeProxyVersion: 'v1.11.2',
    })
    expect(t.nodes[0]!.hardware).to.include({ cpu: 2, kubeletVersion: 'v1.11.1' })
  })

  it('gives nodes without an address the next free one and drops the taint on a lone master', () => {
    const t = buildTopology(kind(THREE), profile('nodes:\n  t-worker: {address: 127.0.10.104}\n'))
    expect(t.nodes.map((n) => n.address)).to.deep.equal([
      '127.0.10.105',
      '127.0.10.104',
      '127.0.10.106',
    ])
    const single = buildTopology(kind('- role: control-plane\n'), profile())
    expect(single.nodes[0]!.taints).to.deep.equal([])
  })

  it('refuses two nodes with the same address', () => {
    const p = profile(
      'nodes:\n  t-worker: {address: 127.0.10.7}\n  t-worker2: {address: 127.0.10.7}\n'
    )
    expect(failure(kind(THREE), p)).to.equal(
      'lab.yaml: nodes["t-worker2"].address: 127.0.10.7 is already the address of t-worker'
    )
  })

  it('refuses profile nodes that are not in the kind config and nodes without hardware', () => {
    const p = parseLabProfile(`${BARE}nodes:\n  t-wrker: {cpu: 2}\n`, 'lab.yaml')
    expect(failure(kind('- role: control-plane\n'), profile('nodes:\n  t-wrker:\n'))).to.include(
      'nodes["t-wrker"] matches no node'
    )
    const message = failure(kind('- role: control-plane\n'), p)
    expect(message).to.include(
      'lab.yaml: nodes["t-wrker"] matches no node of kind.yaml (its nodes are t-control-plane)'
    )
    expect(message).to.include(
      'lab.yaml: no memory for node t-control-plane: set one of hardware.common.memory, hardware.control-plane.memory, nodes["t-control-plane"].memory'
    )
  })

  it('refuses pod subnets that cannot give every node a /24, and IPv6', () => {
    expect(failure(kind(THREE, 'networking: {podSubnet: 10.0.0.0/23}\n'), profile())).to.equal(
      'kind.yaml: networking.podSubnet: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range'
    )
    expect(failure(kind(THREE, 'networking: {podSubnet: 10.0.0.0/25}\n'), profile())).to.equal(
      "kind.yaml: networking.podSubnet /25 is smaller than a node's /24"
    )
    const v6 = kind(
      THREE,
      'networking: {ipFamily: ipv6, podSubnet: "fd00:10:244::/56", serviceSubnet: "fd00:10:96::/112"}\n'
    )
    expect(failure(v6, profile())).to.include(
      'networking.podSubnet "fd00:10:244::/56": the lab supports IPv4 only'
    )
  })
})
