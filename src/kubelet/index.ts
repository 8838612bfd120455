/**
 * @module kubelet: the simulated kubelets (node registration, heartbeats, a stage engine that runs
 * each bound pod's containers by their image behaviours) and the node lifecycle controller. The
 * informer, recorder adapter and core refs they use live in the client toolkit (client/).
 */
export * from './kubelet.js'
export * from './node-lifecycle.js'
export * from './image-behaviours.js'
export { parseBehaviours, BEHAVIOUR_FILE_TYPE } from './parse-behaviours.js'
export {
  loadBehaviourDir,
  defaultBehaviourRegistry,
  BUILTIN_BEHAVIOURS_DIR,
  behaviourFiles,
  behavioursToJson,
  behavioursFromJson,
  behaviourToJson,
  behaviourFromJson,
  type BehaviourJson,
} from './load-behaviours.js'
export { MemoryLogStore, type ContainerLogDump } from './log-store.js'
export { CONTAINER_STAGES } from './stages.js'
export type {
  ContainerStage,
  StageCondition,
  StageDelay,
  StageEffect,
  StageEvent,
} from './stages.js'
export type { ContainerPhase } from './container-runtime.js'
export { UNREACHABLE_TAINT, evictionDelayMs } from './taint-eviction.js'
// Defined in the client toolkit; named here too for the importers written before it moved.
export { podsRef, nodesRef, eventsRef } from '../client/index.js'
export { ContainerExecRuntime } from './shell/index.js'
export type { ExecNetwork, ExecOrigin } from './shell/index.js'
export { ContainerUsageMeter, CPU_MODEL } from './container-usage.js'
export type { ContainerUsage, PodNetworkUsage } from './container-usage.js'
export { meterAppHost } from './metered-app-host.js'
