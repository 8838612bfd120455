import { nodeTaints, specMatchesNode, untoleratedTaints } from '../api/scheduling/index.js'
import type { Node, PodSpec, Toleration } from './workload-types.js'

/**
 * The tolerations the 1.11 DaemonSet controller adds to its pods (AddOrUpdateDaemonPodTolerations):
 * daemons keep running on not-ready and unreachable nodes and are placed on nodes under disk or
 * memory pressure.
 */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
]

/** Returns the tolerations with the daemon ones added where missing. */
export function withDaemonTolerations(tolerations: Toleration[] | undefined): Toleration[] {
  const out = [...(tolerations ?? [])]
  for (const t of DAEMON_TOLERATIONS) {
    if (!out.some((x) => x.key === t.key && x.effect === t.effect)) out.push(t)
  }
  return out
}

/** Returns true when a pod spec's nodeSelector, required node affinity and nodeName admit the node. */
export function nodeMatches(spec: PodSpec, node: Node): boolean {
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return false
  return specMatchesNode(spec as Record<string, unknown>, node)
}

/** Where a daemon pod may be: wanted, placeable now, and allowed to keep running (nodeShouldRunDaemonPod). */
export interface DaemonPlacement {
  wantToRun: boolean
  shouldSchedule: boolean
  shouldContinueRunning: boolean
}

/**
 * Returns whether a DaemonSet with this pod spec runs on a node, as 1.11 decided it: node
 * selector and affinity must match; an untolerated NoSchedule taint keeps new pods off but lets
 * running ones stay; an untolerated NoExecute taint evicts. Resource fit is not checked.
 */
export function daemonPlacement(spec: PodSpec, node: Node): DaemonPlacement {
  const no = { wantToRun: false, shouldSchedule: false, shouldContinueRunning: false }
  if (!nodeMatches({ ...spec, nodeName: undefined }, node)) return no
  const tolerations = withDaemonTolerations(spec.tolerations)
  const taints = nodeTaints(node)
  if (untoleratedTaints(taints, tolerations, ['NoExecute']).length) return no
  if (untoleratedTaints(taints, tolerations, ['NoSchedule']).length)
    return { wantToRun: false, shouldSchedule: false, shouldContinueRunning: true }
  return { wantToRun: true, shouldSchedule: true, shouldContinueRunning: true }
}
