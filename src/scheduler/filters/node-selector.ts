import { specMatchesNode } from '../../api/scheduling/index.js'
import { asObject, isObject, type KubeObject } from '../../api/types.js'

/**
 * Returns true when a node matches the pod's nodeSelector and its required node affinity
 * (predicates.podMatchesNodeSelectorAndAffinityTerms).
 */
export function podMatchesNode(pod: KubeObject, node: KubeObject): boolean {
  let free = unconstrained.get(pod)
  if (free === undefined) unconstrained.set(pod, (free = selectsEveryNode(pod)))
  return free || specMatchesNode(asObject(pod.spec), node)
}

// Whether a pod object selects every node, read once per pod (informers never change one).
const unconstrained = new WeakMap<KubeObject, boolean>()

/** Returns true for a pod with no nodeSelector entries and no required node affinity. */
function selectsEveryNode(pod: KubeObject): boolean {
  const spec = asObject(pod.spec)
  const selector = spec.nodeSelector
  if (selector !== undefined && !(isObject(selector) && Object.keys(selector).length === 0))
    return false
  const nodeAffinity = asObject(asObject(spec.affinity).nodeAffinity)
  return nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution === undefined
}
