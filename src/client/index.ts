/**
 * @module client: KubeClient, the API as components use it, over an in-process or HTTPS transport,
 * and the toolkit every component shares (client-go's tools/cache and record): the informer, the
 * event recorder and the core resource refs.
 */
export * from './kube-client.js'
export * from './transport.js'
export { inProcessTransport } from './in-process-transport.js'
export { httpTransport, type HttpTransportOptions } from './http-transport.js'
export { silentLog, errorMessage, type ClientLog } from './client-log.js'
export { Refs, podsRef, nodesRef, eventsRef } from './core-refs.js'
export { Informer, type InformerHandler, type InformerOptions } from './informer.js'
export {
  startInformer,
  type InformerHandlers,
  type RunningInformer,
  type StartInformerOptions,
} from './start-informer.js'
export {
  EventRecorder,
  createEventRecorder,
  type EventDetails,
  type EventRecorderOptions,
  type EventSource,
  type EventType,
} from './event-recorder.js'
export { newRecorder } from './new-recorder.js'
export { patchPodConditions } from './patch-pod-conditions.js'
