/** @module controllers: kube-controller-manager's controllers as API clients (informer → work queue → reconcile). */
export {
  startControllers,
  CONTROLLER_FACTORIES,
  type ControllerName,
  type ControllersOptions,
  type StartedControllers,
} from './start-controllers.js'
export {
  QueueController,
  contextFor,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
  type QueueControllerOptions,
} from './controller.js'
export { silentLog, type ControllerLog } from './controller-log.js'
export { InformerFactory } from './informer-factory.js'
export { WorkQueue, type WorkQueueOptions } from './work-queue.js'
export { yieldToLoop } from './yield-to-loop.js'
export { computeHash, POD_TEMPLATE_HASH, REVISION_HASH } from './pod-template-hash.js'
export { isPodReady, isPodAvailable } from './pod-util.js'
export { DAEMON_TOLERATIONS, nodeMatches } from './node-eligibility.js'
export { GC_RESOURCES, type MonitoredResource } from './garbage-collector.js'
export { discoverNamespacedResources } from './namespaced-resources.js'
export { TOKEN_SECRET_TYPE } from './token-controller.js'
export { POD_NAME_LABEL } from './statefulset-pods.js'
