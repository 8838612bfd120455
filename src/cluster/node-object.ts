import { createHash } from 'node:crypto'
import type { KubeObject } from '../api/types.js'
import { formatBinarySI, formatCpu } from './quantity.js'
import type { TopologyNode } from './topology.js'

/** The kubelet's default hard eviction threshold for memory (`memory.available<100Mi`). */
export const EVICTION_HARD_MEMORY = 100 * 2 ** 20

/** The kubelet's default hard eviction threshold for the root filesystem (`nodefs.available<10%`). */
export const EVICTION_HARD_NODEFS_PERCENT = 0.1

/** The port the kubelet serves on (`daemonEndpoints.kubeletEndpoint.Port`). */
export const KUBELET_PORT = 10250

/** Options for nodeObject. */
export interface NodeObjectOptions {
  /**
   * false: the node as it registers before a pod network is installed (Ready=False, the kubelet's
   * "cni config uninitialized" message). Default true.
   */
  ready?: boolean
}

/**
 * Returns the v1 Node a kubelet 1.11 on a kubeadm 1.11 cluster registers for a topology node:
 * the 1.11 well-known labels, kubeadm's master role label and taint, InternalIP and Hostname
 * addresses, capacity from the hardware, and the five conditions 1.11 reports.
 *
 * Allocatable is capacity minus the kubelet's default hard eviction thresholds, with no
 * system-reserved or kube-reserved (kubeadm 1.11 sets neither): memory − 100Mi,
 * ephemeral-storage − 10% (the kubelet multiplies by the percentage as a float32), cpu and pods
 * unchanged.
 */
export function nodeObject(
  node: TopologyNode,
  now: string,
  opts: NodeObjectOptions = {}
): KubeObject {
  const hw = node.hardware
  const master = node.role === 'control-plane'
  const storage = Math.floor(hw.ephemeralStorage / 1024) * 1024
  const nodefsReserve = Math.trunc(storage * Math.fround(EVICTION_HARD_NODEFS_PERCENT))
  const capacity = {
    cpu: formatCpu(hw.cpu),
    'ephemeral-storage': formatBinarySI(storage),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: formatBinarySI(hw.memory),
    pods: String(hw.pods),
  }
  const allocatable = {
    ...capacity,
    'ephemeral-storage': formatBinarySI(storage - nodefsReserve),
    memory: formatBinarySI(hw.memory - EVICTION_HARD_MEMORY),
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      creationTimestamp: now,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': node.name,
        ...(master && { 'node-role.kubernetes.io/master': '' }),
        // kubelet --node-labels win over its defaults, as in kubelet's initialNode().
        ...node.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': '/var/run/dockershim.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: node.podCIDR,
      ...(node.taints.length > 0 && { taints: node.taints.map((t) => ({ ...t })) }),
    },
    status: {
      capacity,
      allocatable,
      conditions: conditions(now, opts.ready ?? true),
      addresses: [
        { type: 'InternalIP', address: node.address },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        ...machineIds(node.name),
        kernelVersion: hw.kernelVersion,
        osImage: hw.osImage,
        containerRuntimeVersion: hw.containerRuntimeVersion,
        kubeletVersion: hw.kubeletVersion,
        kubeProxyVersion: hw.kubeProxyVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  }
}

/** Returns the node conditions a 1.11 kubelet reports, in its order. */
function conditions(now: string, ready: boolean): Record<string, string>[] {
  const c = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  })
  return [
    c(
      'OutOfDisk',
      'False',
      'KubeletHasSufficientDisk',
      'kubelet has sufficient disk space available'
    ),
    c(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available'
    ),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status. AppArmor enabled')
      : c(
          'Ready',
          'False',
          'KubeletNotReady',
          'runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized'
        ),
  ]
}

/** Returns stable machine, system and boot IDs derived from the node name (hermetic). */
function machineIds(name: string): { machineID: string; systemUUID: string; bootID: string } {
  const hex = (salt: string): string => createHash('sha256').update(`${salt}/${name}`).digest('hex')
  const uuid = (h: string): string =>
    `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
  return {
    machineID: hex('machine').slice(0, 32),
    systemUUID: uuid(hex('system')).toUpperCase(),
    bootID: uuid(hex('boot')),
  }
}
