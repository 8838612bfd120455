// Topology: the nodes the lab definition asks for, Ready, the master tainted and free of ONAP pods,
// each with the capacity the profile configures.
import {
  CONTROL_PLANE_LABELS,
  anyValue,
  diffTable,
  formatBytes,
  formatCpu,
  nodeRole,
  nodeStatus,
  nodeTaints,
  parseQuantity,
  type Expectations,
  type LabClient,
  type Matcher,
} from '../support/index.js'

/** Columns of the nodes table. */
export const NODE_COLUMNS = ['NAME', 'ROLE', 'STATUS', 'TAINTS'] as const

/** Columns of the node capacity table. */
export const CAPACITY_COLUMNS = ['NAME', 'CPU', 'MEMORY', 'EPHEMERAL-STORAGE', 'PODS'] as const

/**
 * Checks that the cluster has exactly the nodes of the lab definition (1 control plane + N
 * workers, kind's names), all Ready, the control plane carrying the master NoSchedule taint and
 * the workers none. Fails with the table `nodes: …` (NAME, ROLE, STATUS, TAINTS).
 */
export async function checkNodes(client: LabClient, expected: Expectations): Promise<void> {
  const workers = expected.nodes.filter((n) => n.role === 'worker').length
  const want = expected.nodes.map((n) => ({
    NAME: n.name,
    ROLE: n.role,
    STATUS: 'Ready',
    TAINTS: n.role === 'control-plane' ? masterTaint() : '<none>',
  }))
  const got = (await client.nodes()).map((n) => ({
    NAME: n.metadata?.name ?? '',
    ROLE: nodeRole(n),
    STATUS: nodeStatus(n),
    TAINTS: nodeTaints(n),
  }))
  diffTable(`nodes (1 master + ${workers} workers)`, NODE_COLUMNS, want, got, 'NAME')
}

/**
 * Checks every node's capacity against the profile's hardware (common → role → node): cpu,
 * memory, ephemeral-storage (in whole KiB, as the kubelet reports it) and pods. Fails with the
 * table `node capacity: …`; values are shown normalised (`16Gi`, `3500m`).
 */
export async function checkNodeCapacity(client: LabClient, expected: Expectations): Promise<void> {
  const want = expected.nodes.map((n) => ({
    NAME: n.name,
    CPU: n.cpu === undefined ? anyValue() : formatCpu(n.cpu),
    MEMORY: n.memory === undefined ? anyValue() : formatBytes(n.memory),
    'EPHEMERAL-STORAGE':
      n.ephemeralStorage === undefined ? anyValue() : formatBytes(wholeKiB(n.ephemeralStorage)),
    PODS: String(n.pods),
  }))
  const got = (await client.nodes()).map((n) => {
    const cap = n.status?.capacity ?? {}
    const bytes = (v: string | undefined) =>
      v === undefined ? '<none>' : formatBytes(parseQuantity(v))
    return {
      NAME: n.metadata?.name ?? '',
      CPU: cap.cpu === undefined ? '<none>' : formatCpu(parseQuantity(cap.cpu)),
      MEMORY: bytes(cap.memory),
      'EPHEMERAL-STORAGE': bytes(cap['ephemeral-storage']),
      PODS: cap.pods ?? '<none>',
    }
  })
  diffTable('node capacity (lab profile hardware)', CAPACITY_COLUMNS, want, got, 'NAME', {
    extra: 'ignore',
  })
}

/**
 * Checks that no pod of the ONAP namespace runs on a control-plane node. Fails with the table
 * `onap pods on the master (want none): …` listing each such pod as `extra` (POD, NODE).
 */
export async function checkNoOnapPodOnMaster(
  client: LabClient,
  expected: Expectations
): Promise<void> {
  const masters = new Set(
    (await client.nodes())
      .filter((n) => nodeRole(n) === 'control-plane')
      .map((n) => n.metadata?.name)
  )
  const got = (await client.pods(expected.onap.namespace))
    .filter((p) => masters.has(p.spec?.nodeName))
    .map((p) => ({ POD: p.metadata?.name ?? '', NODE: p.spec?.nodeName ?? '' }))
  diffTable(
    `${expected.onap.namespace} pods on the master (want none)`,
    ['POD', 'NODE'],
    [],
    got,
    'POD'
  )
}

// kubeadm 1.11 taints the master node-role.kubernetes.io/master; kubeadm 1.24+ (newer kind
// images) uses node-role.kubernetes.io/control-plane.
function masterTaint(): Matcher {
  const accepted = CONTROL_PLANE_LABELS.map((key) => `${key}:NoSchedule`)
  return { text: accepted[0]!, test: (a) => a.split(',').some((t) => accepted.includes(t)) }
}

// The kubelet reports the root filesystem size in whole KiB.
function wholeKiB(bytes: number): number {
  return Math.floor(bytes / 1024) * 1024
}
