/**
 * @module api/scheduling: where a pod may run, as the core/v1 helpers of 1.11 decide it — taints
 * and tolerations, node selectors and required node affinity — shared by the scheduler, the
 * kubelet's admission and eviction, and the DaemonSet controller.
 */
export {
  nodeTaints,
  podTolerations,
  toleratesTaint,
  untoleratedTaints,
  type Taint,
  type Toleration,
} from './tolerations.js'
export { nodeRequirementMatches, specMatchesNode } from './node-selector.js'
