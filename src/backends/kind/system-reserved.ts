import { formatBinarySI, formatCpu, type TopologyNode } from '../../cluster/index.js'

/** What the Docker host has: every kind node's kubelet sees all of it as its capacity. */
export interface HostResources {
  /** Logical CPUs (`docker info` NCPU). */
  cpus: number
  /** Bytes of memory (`docker info` MemTotal). */
  memory: number
}

/** How a kind node is cut down to the profile's machine. */
export interface NodeReservation {
  node: string
  /** kubelet `--system-reserved`: the host's capacity beyond the profile's machine. */
  systemReserved: { cpu: number; memory: number }
  /** `docker update --cpus/--memory` of the node's container. */
  limits: { cpus: number; memory: number }
  /** Why the node cannot be as large as the profile says (the host is smaller). */
  warnings: string[]
}

/**
 * kubelet `--eviction-hard` for kind nodes: kind's own thresholds (disk checks off) plus the
 * kubelet's default `memory.available<100Mi`, set explicitly because a partial evictionHard
 * in kind's KubeletConfiguration would otherwise drop it. With it, allocatable memory is the
 * profile's memory − 100Mi, as on the sim (src/cluster/node-object.ts).
 */
export const KIND_EVICTION_HARD =
  'memory.available<100Mi,nodefs.available<0%,nodefs.inodesFree<0%,imagefs.available<0%'

/**
 * Returns how to make a kind node look like its profile machine: system-reserved takes away
 * what the host has beyond the profile's cpu and memory (so allocatable matches the sim's), and
 * the container is limited to the profile's size. A host smaller than the profile gives what
 * it has, with a warning.
 */
export function nodeReservation(node: TopologyNode, host: HostResources): NodeReservation {
  const hw = node.hardware
  const warnings: string[] = []
  if (host.cpus < hw.cpu) {
    warnings.push(
      `${node.name}: the Docker host has ${host.cpus} CPUs, fewer than the profile's ${hw.cpu}`
    )
  }
  if (host.memory < hw.memory) {
    warnings.push(
      `${node.name}: the Docker host has ${formatBinarySI(host.memory)} of memory, less than the profile's ${formatBinarySI(hw.memory)}`
    )
  }
  return {
    node: node.name,
    systemReserved: {
      cpu: Math.max(0, host.cpus - hw.cpu),
      memory: Math.max(0, host.memory - hw.memory),
    },
    limits: { cpus: Math.min(host.cpus, hw.cpu), memory: Math.min(host.memory, hw.memory) },
    warnings,
  }
}

/** Returns the kubelet flags of a reservation (`system-reserved`, `eviction-hard`). */
export function kubeletArgs(r: NodeReservation): Record<string, string> {
  const parts = []
  if (r.systemReserved.cpu > 0) parts.push(`cpu=${formatCpu(r.systemReserved.cpu)}`)
  if (r.systemReserved.memory > 0) parts.push(`memory=${formatBinarySI(r.systemReserved.memory)}`)
  return {
    ...(parts.length > 0 ? { 'system-reserved': parts.join(',') } : {}),
    'eviction-hard': KIND_EVICTION_HARD,
  }
}
