import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { ConfigFileError, parseKindConfig } from './index.js'

const SRC = 'lab/kind-config.yaml'
const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n'

/** Returns the error parseKindConfig throws for `text` (fails the test when it does not throw). */
function failure(text: string): ConfigFileError {
  try {
    parseKindConfig(text, SRC)
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigFileError)
    return err as ConfigFileError
  }
  expect.fail('parseKindConfig accepted an invalid config')
}

describe('parseKindConfig()', () => {
  it('loads the lab topology: one control-plane and two workers, subnets left to the profile', () => {
    const file = new URL('../../lab/kind-config.yaml', import.meta.url)
    const c = parseKindConfig(readFileSync(file, 'utf8'), SRC)
    expect(c.nodes.map((n) => n.role)).to.deep.equal(['control-plane', 'worker', 'worker'])
    expect(c.networking.disableDefaultCNI).to.equal(true)
    expect(c.networking.podSubnet).to.equal(undefined)
    expect(c.networking.serviceSubnet).to.equal(undefined)
    expect(c.name).to.equal(undefined)
  })

  it('defaults like kind: one control-plane node, ipv4, iptables, role control-plane', () => {
    const c = parseKindConfig(HEAD, SRC)
    expect(c.nodes).to.have.length(1)
    expect(c.nodes[0]!.role).to.equal('control-plane')
    expect(c.networking).to.include({
      ipFamily: 'ipv4',
      kubeProxyMode: 'iptables',
      apiServerPort: 0,
    })
    const unset = parseKindConfig(
      `${HEAD}nodes:\n- image: kindest/node:v1.11.10\n- role: worker\n`,
      SRC
    )
    expect(unset.nodes.map((n) => n.role)).to.deep.equal(['control-plane', 'worker'])
  })

  it("accepts every field of kind's valid-many-fields fixture, upper-casing the protocol", () => {
    const c = parseKindConfig(
      `${HEAD}name: not-default
featureGates:
  AllBeta: false
runtimeConfig:
  api/alpha: "false"
networking:
  ipFamily: ipv6
  apiServerAddress: "::1"
  apiServerPort: 6443
  kubeProxyMode: ipvs
nodes:
- role: control-plane
  labels: {tier: frontend}
  kubeadmConfigPatches:
  - |
    kind: InitConfiguration
- role: worker
  extraMounts:
  - containerPath: /foo
    hostPath: /bar
    readOnly: true
    selinuxRelabel: false
    propagation: Bidirectional
  extraPortMappings:
  - containerPort: 8080
    hostPort: 8080
    protocol: udp
  kubeadmConfigPatchesJSON6902:
  - {group: kubeadm.k8s.io, version: v1beta2, kind: ClusterConfiguration, patch: "[]"}
`,
      SRC
    )
    expect(c.name).to.equal('not-default')
    expect(c.featureGates).to.deep.equal({ AllBeta: false })
    expect(c.runtimeConfig).to.deep.equal({ 'api/alpha': 'false' })
    expect(c.nodes[0]!.labels).to.deep.equal({ tier: 'frontend' })
    expect(c.nodes[1]!.extraPortMappings[0]).to.deep.equal({
      containerPort: 8080,
      hostPort: 8080,
      protocol: 'UDP',
    })
    expect(c.nodes[1]!.extraMounts[0]!.propagation).to.equal('Bidirectional')
  })

  it('refuses an unknown field, naming the file, line and field path', () => {
    const text = `${HEAD}networking:\n  disableDefaultCNI: true\nnodes:\n- role: control-plane\n- role: worker\n  rolez: worker\n`
    expect(failure(text).message).to.equal(
      'lab/kind-config.yaml:8: unknown field "nodes[1].rolez" (field rolez not found in type v1alpha4.Node)'
    )
    expect(failure(`${HEAD}nOtAReaLFielD: bar\n`).problems[0]).to.include({
      path: 'nOtAReaLFielD',
      line: 3,
    })
    expect(failure(`${HEAD}networking:\n  podCIDR: 10.0.0.0/16\n`).message).to.include(
      ':4: unknown field "networking.podCIDR" (field podCIDR not found in type v1alpha4.Networking)'
    )
  })

  it("refuses a config without a control-plane node with kind's message", () => {
    const err = failure(`${HEAD}nodes:\n- role: worker\n- role: worker\n`)
    expect(err.message).to.equal(
      'lab/kind-config.yaml:3: nodes: must have at least one control-plane node'
    )
    expect(err.problems[0]!.path).to.equal('nodes')
  })

  it('refuses an unknown role, an unknown apiVersion and an unknown kind as kind does', () => {
    expect(failure(`${HEAD}nodes:\n- role: master\n`).message).to.equal(
      'lab/kind-config.yaml:4: nodes[0].role: invalid configuration for node 0: "master" is not a valid node role\n' +
        'lab/kind-config.yaml:3: nodes: must have at least one control-plane node'
    )
    expect(failure('kind: Cluster\napiVersion: kind.sigs.k8s.io/v1alpha3\n').message).to.equal(
      'lab/kind-config.yaml:2: unknown apiVersion: kind.sigs.k8s.io/v1alpha3'
    )
    expect(failure('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluser\n').message).to.equal(
      'lab/kind-config.yaml:2: unknown kind Cluser for apiVersion: kind.x-k8s.io/v1alpha4'
    )
    expect(failure('').message).to.equal('lab/kind-config.yaml:1: unknown apiVersion: ')
  })

  it('refuses wrongly typed scalars as the strict decoder does', () => {
    const err = failure(
      `${HEAD}networking:\n  apiServerPort: "x6443"\n  disableDefaultCNI: maybe\n`
    )
    expect(err.problems.map((p) => p.message)).to.deep.equal([
      'networking.apiServerPort: cannot unmarshal !!str `x6443` into int32',
      'networking.disableDefaultCNI: cannot unmarshal !!str `maybe` into bool',
    ])
    expect(failure(`${HEAD}nodes: {role: worker}\n`).message).to.include(
      'nodes: cannot unmarshal !!map into []v1alpha4.Node'
    )
  })

  it("validates networking and port mappings with kind's messages", () => {
    const err = failure(`${HEAD}name: Onap_Mesh
networking:
  ipFamily: ipv5
  apiServerPort: 70000
  podSubnet: 192.168.0.0/33
  serviceSubnet: fd00:10:96::/112
  kubeProxyMode: userspace
nodes:
- role: control-plane
  extraPortMappings:
  - {containerPort: 80, hostPort: 80}
  - {containerPort: 81, hostPort: 80, listenAddress: 127.0.0.1}
  - {containerPort: 82, hostPort: 70000}
`)
    expect(
      err.problems.map((p) => `${p.line} ${p.message.slice(p.path.length + 2)}`)
    ).to.deep.equal([
      "3 'Onap_Mesh' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`",
      '6 invalid apiServerPort: invalid port number: 70000',
      '5 invalid ipFamily: ipv5',
      '7 invalid pod subnet failed to parse cidr value:"192.168.0.0/33" with error: invalid CIDR address: 192.168.0.0/33',
      '9 invalid kubeProxyMode: userspace',
      '14 invalid configuration for node 0: invalid portMapping: port mapping with same listen address, port and protocol already configured: 127.0.0.1:80/TCP',
      '15 invalid configuration for node 0: invalid hostPort: invalid port number: 70000',
    ])
  })

  it('checks the subnet families against ipFamily', () => {
    expect(failure(`${HEAD}networking:\n  serviceSubnet: fd00:10:96::/112\n`).message).to.equal(
      'lab/kind-config.yaml:4: networking.serviceSubnet: invalid service subnet expected IPv4 CIDR for IPv4 family'
    )
    const dual = `${HEAD}networking:\n  ipFamily: dual\n  podSubnet: 10.244.0.0/16,fd00:10:244::/56\n`
    expect(parseKindConfig(dual, SRC).networking.podSubnet).to.equal(
      '10.244.0.0/16,fd00:10:244::/56'
    )
  })

  it('refuses unknown mount propagations and YAML syntax errors with their line', () => {
    expect(
      failure(
        `${HEAD}nodes:\n- extraMounts:\n  - {hostPath: /a, containerPath: /b, propagation: Shared}\n`
      ).message
    ).to.equal(
      'lab/kind-config.yaml:5: nodes[0].extraMounts[0].propagation: Unknown MountPropagation: "Shared"'
    )
    expect(failure(`${HEAD}nodes:\n- role: worker\n  role: worker\n`).problems[0]!.line).to.equal(5)
    expect(failure(`${HEAD}nodes:\n - role: a\n  - role: b\n`).message).to.match(
      /^lab\/kind-config\.yaml:\d+: yaml: /
    )
  })
})
