/** @module backends/kind: a real kind cluster shaped like the lab's topology and hardware. */
export { KindBackend, type KindBackendOptions } from './kind-backend.js'
export { kindClusterOps, type KindClusterOpsOptions } from './kind-cluster-ops.js'
export {
  formatKindPlan,
  KIND_CNI_MANIFEST,
  kindPlan,
  type KindPlan,
  type KindPlanInput,
} from './kind-plan.js'
export {
  KIND_EVICTION_HARD,
  kubeletArgs,
  nodeReservation,
  type HostResources,
  type NodeReservation,
} from './system-reserved.js'
