import { specMatchesNode } from '../../api/scheduling/index.js'
import { asObject, type KubeObject } from '../../api/types.js'

/**
 * Returns true when a node matches the pod's nodeSelector and its required node affinity
 * (predicates.podMatchesNodeSelectorAndAffinityTerms).
 */
export function podMatchesNode(pod: KubeObject, node: KubeObject): boolean {
  return specMatchesNode(asObject(pod.spec), node)
}
