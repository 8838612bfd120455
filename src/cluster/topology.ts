import { formatIpv4, formatIpv4Cidr, isLoopbackIpv4, parseIpv4, parseIpv4Cidr } from './ipv4.js'
import { parseQuantity } from './quantity.js'
import type { KindConfig, NodeRole } from './kind-config-types.js'
import type { HardwareSpec, LabProfile } from './lab-profile.js'

/** The port kubeadm's API server listens on (`--apiserver-bind-port` default). */
export const API_SERVER_PORT = 6443

/** kube-controller-manager's default `--node-cidr-mask-size`: each node gets a /24. */
export const NODE_CIDR_MASK_SIZE = 24

/** A node's emulated machine, resolved to numbers. */
export interface NodeHardware {
  /** CPU cores (may be fractional). */
  cpu: number
  /** Memory in bytes. */
  memory: number
  /** Root filesystem size in bytes. */
  ephemeralStorage: number
  pods: number
  osImage: string
  kernelVersion: string
  containerRuntimeVersion: string
  kubeletVersion: string
  kubeProxyVersion: string
}

/** A node taint as kubeadm sets it. */
export interface NodeTaint {
  key: string
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
}

/** One node of the lab: its identity, place in the network and hardware. */
export interface TopologyNode {
  name: string
  role: NodeRole
  /** Its own loopback address: InternalIP, and where its NodePorts listen. */
  address: string
  /** The /24 the node IPAM controller gives it out of the pod subnet. */
  podCIDR: string
  /** Extra labels from the kind config (kubelet `--node-labels`). */
  labels: Record<string, string>
  taints: NodeTaint[]
  hardware: NodeHardware
}

/** The lab's cluster: name, networks, API endpoint and nodes in kind config order. */
export interface Topology {
  name: string
  /** `v1.11.1`. */
  kubernetesVersion: string
  podSubnet: string
  serviceSubnet: string
  /** `<first control-plane address>:6443`, the address `kubeadm join` is given. */
  apiServerEndpoint: string
  nodes: TopologyNode[]
  /** The kind config's `runtimeConfig`: the API server's `--runtime-config` (values `true`/`false`). */
  runtimeConfig: Record<string, string>
}

const MASTER_TAINT: NodeTaint = { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }

/**
 * Returns the lab's topology from a kind config and a lab profile: kind's node names, each node's
 * loopback address and /24 pod CIDR, and its hardware (profile common → role → node). The kind
 * config's name and subnets win over the profile's. Throws an Error listing every problem.
 */
export function buildTopology(kind: KindConfig, profile: LabProfile): Topology {
  const problems: string[] = []
  const name = kind.name ?? profile.name
  const podSubnet = kind.networking.podSubnet ?? profile.networking.podSubnet
  const serviceSubnet = kind.networking.serviceSubnet ?? profile.networking.serviceSubnet
  const podSource = kind.networking.podSubnet ? kind.source : profile.source
  const serviceSource = kind.networking.serviceSubnet ? kind.source : profile.source
  const pods = parseIpv4Cidr(podSubnet)
  if (!pods)
    problems.push(`${podSource}: networking.podSubnet "${podSubnet}": the lab supports IPv4 only`)
  if (!parseIpv4Cidr(serviceSubnet)) {
    problems.push(
      `${serviceSource}: networking.serviceSubnet "${serviceSubnet}": the lab supports IPv4 only`
    )
  }
  const counts = new Map<NodeRole, number>()
  const names = kind.nodes.map((n) => {
    const count = (counts.get(n.role) ?? 0) + 1
    counts.set(n.role, count)
    return `${name}-${n.role}${count > 1 ? count : ''}`
  })
  for (const key of Object.keys(profile.nodes)) {
    if (!names.includes(key)) {
      problems.push(
        `${profile.source}: nodes[${JSON.stringify(key)}] matches no node of ${kind.source} (its nodes are ${names.join(', ')})`
      )
    }
  }
  const addresses = assignAddresses(names, profile, problems)
  const cidrs = pods
    ? allocatePodCidrs(pods.base, pods.prefix, names.length, podSource, problems)
    : []
  const hasWorkers = kind.nodes.some((n) => n.role === 'worker')
  const nodes = kind.nodes.map((n, i) => ({
    name: names[i]!,
    role: n.role,
    address: addresses[i]!,
    podCIDR: cidrs[i] ?? '',
    labels: { ...n.labels },
    // kind drops the master taint when there is no worker to run pods (single-node clusters).
    taints: n.role === 'control-plane' && hasWorkers ? [{ ...MASTER_TAINT }] : [],
    hardware: resolveHardware(names[i]!, n.role, profile, problems),
  }))
  for (const [key, value] of Object.entries(kind.runtimeConfig))
    if (value !== 'true' && value !== 'false')
      problems.push(
        `${kind.source}: runtimeConfig."${key}": "${value}" is not true or false (kube-apiserver --runtime-config)`
      )
  if (problems.length > 0) throw new Error(problems.join('\n'))
  const master = nodes.find((n) => n.role === 'control-plane')!
  return {
    name,
    kubernetesVersion: `v${profile.versions.kubernetes.replace(/^v/, '')}`,
    podSubnet,
    serviceSubnet,
    apiServerEndpoint: `${master.address}:${API_SERVER_PORT}`,
    nodes,
    runtimeConfig: { ...kind.runtimeConfig },
  }
}

function assignAddresses(names: string[], profile: LabProfile, problems: string[]): string[] {
  const owner = new Map<string, string>()
  for (const name of names) {
    const address = profile.nodes[name]?.address
    if (address === undefined) continue
    const other = owner.get(address)
    if (other === undefined) owner.set(address, name)
    else {
      problems.push(
        `${profile.source}: nodes[${JSON.stringify(name)}].address: ${address} is already the address of ${other}`
      )
    }
  }
  let next = parseIpv4(profile.networking.nodeAddressStart)!
  return names.map((name) => {
    const given = profile.nodes[name]?.address
    if (given !== undefined) return given
    while (owner.has(formatIpv4(next))) next++
    if (!isLoopbackIpv4(next)) {
      problems.push(`${profile.source}: no free loopback address left for node ${name}`)
      return ''
    }
    const address = formatIpv4(next++)
    owner.set(address, name)
    return address
  })
}

// The range allocator of kube-controller-manager (1.11) hands out the subnets in order, from the
// first /24 of the cluster CIDR on.
function allocatePodCidrs(
  base: number,
  prefix: number,
  count: number,
  source: string,
  problems: string[]
): string[] {
  if (prefix > NODE_CIDR_MASK_SIZE) {
    problems.push(
      `${source}: networking.podSubnet /${prefix} is smaller than a node's /${NODE_CIDR_MASK_SIZE}`
    )
    return []
  }
  const available = 2 ** (NODE_CIDR_MASK_SIZE - prefix)
  if (count > available) {
    problems.push(
      `${source}: networking.podSubnet: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range`
    )
  }
  const size = 2 ** (32 - NODE_CIDR_MASK_SIZE)
  return Array.from({ length: Math.min(count, available) }, (_, i) =>
    formatIpv4Cidr({ base: base + i * size, prefix: NODE_CIDR_MASK_SIZE })
  )
}

function resolveHardware(
  name: string,
  role: NodeRole,
  profile: LabProfile,
  problems: string[]
): NodeHardware {
  const levels: [string, HardwareSpec | undefined][] = [
    ['hardware.common', profile.hardware.common],
    [`hardware.${role}`, profile.hardware[role]],
    [`nodes[${JSON.stringify(name)}]`, profile.nodes[name]],
  ]
  const spec: HardwareSpec = Object.assign({}, ...levels.map(([, s]) => s ?? {}))
  const need = <K extends keyof HardwareSpec>(
    field: K
  ): NonNullable<HardwareSpec[K]> | undefined => {
    const value = spec[field]
    if (value === undefined) {
      const where = levels.map(([path]) => `${path}.${field}`).join(', ')
      problems.push(`${profile.source}: no ${field} for node ${name}: set one of ${where}`)
    }
    return value ?? undefined
  }
  const kubeletVersion = spec.kubeletVersion ?? `v${profile.versions.kubernetes.replace(/^v/, '')}`
  const quantity = (field: 'cpu' | 'memory' | 'ephemeralStorage'): number => {
    const text = need(field)
    return text === undefined ? 0 : parseQuantity(text)
  }
  return {
    cpu: quantity('cpu'),
    memory: quantity('memory'),
    ephemeralStorage: quantity('ephemeralStorage'),
    // The kubelet's default --max-pods.
    pods: spec.pods ?? 110,
    osImage: need('osImage') ?? '',
    kernelVersion: need('kernelVersion') ?? '',
    containerRuntimeVersion: need('containerRuntimeVersion') ?? '',
    kubeletVersion,
    kubeProxyVersion: kubeletVersion,
  }
}
