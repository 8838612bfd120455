/**
 * @module kubelet: the simulated kubelets (node registration, heartbeats, a stage engine that runs
 * each bound pod's containers by their image behaviours), the node lifecycle controller, and the
 * small client-side pieces they share with the scheduler (informer, recorder adapter, tolerations).
 */
export * from './kubelet.js'
export * from './node-lifecycle.js'
export * from './image-behaviours.js'
export { parseBehaviours, BEHAVIOUR_FILE_TYPE } from './parse-behaviours.js'
export {
  loadBehaviourDir,
  defaultBehaviourRegistry,
  BUILTIN_BEHAVIOURS_DIR,
} from './load-behaviours.js'
export { MemoryLogStore } from './log-store.js'
export { CONTAINER_STAGES } from './stages.js'
export type {
  ContainerStage,
  StageCondition,
  StageDelay,
  StageEffect,
  StageEvent,
} from './stages.js'
export type { ContainerPhase } from './container-runtime.js'
export { startInformer, objectKey } from './informer.js'
export type { Informer, InformerHandlers, InformerOptions } from './informer.js'
export { newRecorder } from './recorder.js'
export * from './tolerations.js'
export { UNREACHABLE_TAINT, evictionDelayMs } from './taint-eviction.js'
export { podsRef, nodesRef, eventsRef } from './refs.js'
export { rfc3339 } from './time-format.js'
export { ContainerExecRuntime } from './shell/index.js'
export type { ExecNetwork, ExecOrigin } from './shell/index.js'
