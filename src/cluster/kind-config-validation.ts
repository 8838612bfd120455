import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'
import { cidrFamily } from './ipv4.js'
import type { KindConfig, KindNode } from './kind-config-types.js'
import type { ConfigProblem } from './strict-yaml.js'

/** A problem found by validation: the field path and kind's message (the line is added later). */
export interface KindConfigProblem {
  path: string
  message: string
}

const VALID_NAME = /^[a-z0-9.-]+$/

/**
 * Returns the problems kind's `Cluster.Validate()` would report for a defaulted config, each with
 * the path of the field it is about and kind's own wording. An empty list means a valid config.
 */
export function validateKindConfig(c: KindConfig): KindConfigProblem[] {
  const problems: KindConfigProblem[] = []
  const add = (path: string, message: string): void => void problems.push({ path, message })
  const net = c.networking
  if (c.name !== undefined && !VALID_NAME.test(c.name)) {
    add(
      'name',
      `'${c.name}' is not a valid cluster name, cluster names must match \`${VALID_NAME.source}\``
    )
  }
  if (net.apiServerPort !== 0 && !validPort(net.apiServerPort)) {
    add(
      'networking.apiServerPort',
      `invalid apiServerPort: invalid port number: ${net.apiServerPort}`
    )
  }
  if (!['ipv4', 'ipv6', 'dual'].includes(net.ipFamily)) {
    add('networking.ipFamily', `invalid ipFamily: ${net.ipFamily}`)
  }
  for (const [field, what] of [
    ['podSubnet', 'pod'],
    ['serviceSubnet', 'service'],
  ] as const) {
    const subnet = net[field]
    const problem = subnet === undefined ? undefined : subnetProblem(subnet, net.ipFamily)
    if (problem) add(`networking.${field}`, `invalid ${what} subnet ${problem}`)
  }
  if (!['iptables', 'ipvs', 'nftables', 'none'].includes(net.kubeProxyMode)) {
    add('networking.kubeProxyMode', `invalid kubeProxyMode: ${net.kubeProxyMode}`)
  }
  c.nodes.forEach((n, i) => {
    for (const p of nodeProblems(n, `nodes[${i}]`, net.ipFamily)) {
      add(p.path, `invalid configuration for node ${i}: ${p.message}`)
    }
  })
  if (!c.nodes.some((n) => n.role === 'control-plane')) {
    add('nodes', 'must have at least one control-plane node')
  }
  return problems
}

function validPort(port: number): boolean {
  // -1 asks the container backend to pick a port.
  return port >= -1 && port <= 65535
}

function nodeProblems(n: KindNode, path: string, ipFamily: string): KindConfigProblem[] {
  const problems: KindConfigProblem[] = []
  if (n.role !== 'control-plane' && n.role !== 'worker') {
    problems.push({
      path: `${path}.role`,
      message: `${JSON.stringify(n.role)} is not a valid node role`,
    })
  }
  const seen = new Map<string, Set<string>>()
  let duplicateReported = false
  n.extraPortMappings.forEach((pm, j) => {
    const at = `${path}.extraPortMappings[${j}]`
    for (const field of ['hostPort', 'containerPort'] as const) {
      const port = pm[field] ?? 0
      if (!validPort(port)) {
        problems.push({
          path: `${at}.${field}`,
          message: `invalid ${field}: invalid port number: ${port}`,
        })
      }
    }
    const hostPort = pm.hostPort ?? 0
    // 0 and -1 pick a random port, so they never collide.
    if (hostPort === 0 || hostPort === -1 || duplicateReported) return
    const wildcard = ipFamily === 'ipv6' ? '::' : '0.0.0.0'
    let addr = pm.listenAddress || wildcard
    if (addr === '::') addr = '0.0.0.0'
    const key = `${hostPort}/${pm.protocol ?? 'TCP'}`
    const addrs = seen.get(key) ?? new Set<string>()
    if (addrs.has(addr) || addrs.has('0.0.0.0') || (addr === '0.0.0.0' && addrs.size > 0)) {
      duplicateReported = true
      problems.push({
        path: at,
        message: `invalid portMapping: port mapping with same listen address, port and protocol already configured: ${addr}:${key}`,
      })
    }
    seen.set(key, addrs.add(addr))
  })
  return problems
}

function subnetProblem(subnet: string, ipFamily: string): string | undefined {
  const cidrs = subnet.split(',')
  const families = []
  for (const cidr of cidrs) {
    const family = cidrFamily(cidr)
    if (!family) {
      return `failed to parse cidr value:${JSON.stringify(cidr)} with error: invalid CIDR address: ${cidr}`
    }
    families.push(family)
  }
  const dual =
    'expected one (IPv4 or IPv6) CIDR or two CIDRs from each family for dual-stack networking'
  if (ipFamily === 'dual') {
    if (cidrs.length > 2 || (cidrs.length === 2 && families[0] === families[1])) return dual
    return undefined
  }
  if (cidrs.length > 1) return 'only one CIDR allowed for single-stack networking'
  if (ipFamily === 'ipv4' && families[0] !== 'ipv4') return 'expected IPv4 CIDR for IPv4 family'
  if (ipFamily === 'ipv6' && families[0] !== 'ipv6') return 'expected IPv6 CIDR for IPv6 family'
  return undefined
}

/** The first kubeadm whose `kubeadm join --control-plane` kind's multi-control-plane clusters use. */
const CONTROL_PLANE_JOIN = [1, 15] as const

/**
 * Returns the problems of a kind config's topology for the profile's kubeadm (`1.11.1`): a second
 * control-plane node (a node without a role is one, as kind defaults it) needs
 * `kubeadm join --control-plane`, which kubeadm before v1.15 does not have, so such a config is
 * refused here with file and line instead of being half-built. Lines come from `text`.
 */
export function kubeadmTopologyProblems(
  c: KindConfig,
  kubernetesVersion: string,
  text: string
): ConfigProblem[] {
  const [major = 0, minor = 0] = kubernetesVersion.replace(/^v/, '').split('.').map(Number)
  const [wantMajor, wantMinor] = CONTROL_PLANE_JOIN
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return []
  const planes = c.nodes.flatMap((n, i) => (n.role === 'control-plane' ? [i] : []))
  if (planes.length < 2) return []
  const lines = nodeLines(text)
  return planes.slice(1).map((i) => {
    const path = `nodes[${i}]`
    return {
      path,
      line: lines[i] ?? lines[0] ?? 1,
      message:
        `${path}: a second control-plane node${lines.roleless.has(i) ? ' (a node without a role is a control-plane node in kind)' : ''}: ` +
        `kubeadm v${kubernetesVersion.replace(/^v/, '')} of this lab's profile cannot join a control-plane node ` +
        `(kubeadm join --control-plane came in v${wantMajor}.${wantMinor}); give it role: worker or remove it`,
    }
  })
}

/** Returns the line of each node of a kind config's `nodes:` list, and the nodes without a role. */
function nodeLines(text: string): number[] & { roleless: Set<number> } {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter })
  const out = Object.assign([] as number[], { roleless: new Set<number>() })
  const nodes = doc.get('nodes', true)
  if (!isSeq(nodes)) return out
  nodes.items.forEach((item, i) => {
    const at = (item as { range?: [number, number, number] }).range?.[0]
    out[i] = at === undefined ? 1 : counter.linePos(at).line
    if (!isMap(item) || !item.has('role')) out.roleless.add(i)
  })
  return out
}
