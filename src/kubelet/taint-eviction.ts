import type { KubeObject } from '../api/types.js'
import type { Clock } from '../util/index.js'
import { nodeTaints, podTolerations, toleratesTaint, type Taint } from '../api/scheduling/index.js'

/** The taint the node lifecycle controller puts on a node whose kubelet stopped posting status. */
export const UNREACHABLE_TAINT: Taint = {
  key: 'node.kubernetes.io/unreachable',
  effect: 'NoExecute',
}

/**
 * Returns in how many simulated milliseconds the taint manager deletes a pod from its node, or undefined
 * when it never does (no NoExecute taint, or tolerations without tolerationSeconds). A NoExecute
 * taint the pod does not tolerate evicts at once; otherwise the smallest tolerationSeconds of the
 * tolerations used counts from when the latest NoExecute taint was added
 * (scheduler's taint_manager getMinTolerationTime).
 */
export function evictionDelayMs(
  pod: KubeObject,
  node: KubeObject,
  clock: Pick<Clock, 'elapsed'>
): number | undefined {
  const taints = nodeTaints(node).filter((t) => t.effect === 'NoExecute')
  if (taints.length === 0) return undefined
  const tolerations = podTolerations(pod)
  if (taints.some((taint) => !tolerations.some((t) => toleratesTaint(t, taint)))) return 0
  const used = tolerations.filter((t) => taints.some((taint) => toleratesTaint(t, taint)))
  const seconds = used
    .map((t) => t.tolerationSeconds)
    .filter((s): s is number => typeof s === 'number')
  if (seconds.length === 0) return undefined
  // timeAdded is wall-clock; tolerationSeconds is an emulated wait, counted in simulated time.
  const since = Math.min(...taints.map((t) => (t.timeAdded ? clock.elapsed(t.timeAdded) : 0)))
  return Math.max(
    0,
    Math.max(0, Math.min(...seconds)) * 1000 - (Number.isFinite(since) ? since : 0)
  )
}
