import type { KubeObject } from '../api/types.js'
import { nodeTaints, podTolerations, toleratesTaint, type Taint } from './tolerations.js'

/** The taint the node lifecycle controller puts on a node whose kubelet stopped posting status. */
export const UNREACHABLE_TAINT: Taint = {
  key: 'node.kubernetes.io/unreachable',
  effect: 'NoExecute',
}

/**
 * Returns in how many milliseconds the taint manager deletes a pod from its node, or undefined
 * when it never does (no NoExecute taint, or tolerations without tolerationSeconds). A NoExecute
 * taint the pod does not tolerate evicts at once; otherwise the smallest tolerationSeconds of the
 * tolerations used counts from when the latest NoExecute taint was added
 * (scheduler's taint_manager getMinTolerationTime).
 */
export function evictionDelayMs(pod: KubeObject, node: KubeObject, now: Date): number | undefined {
  const taints = nodeTaints(node).filter((t) => t.effect === 'NoExecute')
  if (taints.length === 0) return undefined
  const tolerations = podTolerations(pod)
  if (taints.some((taint) => !tolerations.some((t) => toleratesTaint(t, taint)))) return 0
  const used = tolerations.filter((t) => taints.some((taint) => toleratesTaint(t, taint)))
  const seconds = used
    .map((t) => t.tolerationSeconds)
    .filter((s): s is number => typeof s === 'number')
  if (seconds.length === 0) return undefined
  const added = Math.max(
    ...taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : now.getTime()))
  )
  return Math.max(0, added + Math.max(0, Math.min(...seconds)) * 1000 - now.getTime())
}
