/**
 * @module scheduler: the simulated kube-scheduler (1.11): filter and score plugins, the FitError
 * message, the scheduling queue, and `startScheduler`, which binds pods through `pods/binding`.
 */
export * from './scheduler.js'
export type { Plugin, NodeInfo, Snapshot } from './plugin.js'
export { DEFAULT_PLUGINS } from './default-plugins.js'
export { schedulePod, type ScheduleResult } from './generic-scheduler.js'
export { buildSnapshot, SchedulerCache } from './scheduler-cache.js'
export { fitErrorMessage, NO_NODES_AVAILABLE } from './fit-error.js'
export { Reasons, insufficient } from './reasons.js'
export { SchedulingQueue } from './scheduling-queue.js'
export { nodeConditionFilter } from './filters/node-condition.js'
export {
  generalFilter,
  resourcesFilter,
  hostNameFilter,
  hostPortsFilter,
  nodeSelectorFilter,
} from './filters/general.js'
export { taintTolerationFilter } from './filters/taint-toleration.js'
export {
  memoryPressureFilter,
  diskPressureFilter,
  pidPressureFilter,
} from './filters/node-pressure.js'
export { interPodAffinityFilter } from './filters/inter-pod-affinity.js'
export { leastAllocatedScore } from './scores/least-allocated.js'
export { balancedAllocationScore } from './scores/balanced-allocation.js'
