/** @module apiserver: the simulated kube-apiserver (HTTPS, discovery, REST, watch, admission). */
export * from './api-server.js'
export type { ApiRequest, ApiResponse, WatchStream } from './request/index.js'
export type { LogSource, LogReadOptions } from './handler/index.js'
export type { AdmissionAttributes, MutatingPlugin, ValidatingPlugin } from './admission/index.js'
export { AdmissionChain } from './admission/index.js'
export { systemIds, seededIds, randomIds, type Ids } from './registry/index.js'
export type { MemoryStore } from './storage/index.js'
export { dumpStore, loadStore, type StoreDump } from './storage/index.js'
export { syncCrd } from './handler/index.js'
export type {
  StreamingRuntime,
  RuntimeSession,
  SessionIo,
  ContainerTarget,
  ProxiedRequest,
  ProxiedResponse,
} from './streaming/index.js'
export { RuntimeError } from './streaming/index.js'
export { callerIdentity, storeBootstrapPolicy, type CallerIdentity } from './authz/index.js'
