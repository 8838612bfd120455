/** @module handler: answers API requests (discovery, OpenAPI, REST verbs, subresources, watch). */
export * from './api-handler.js'
export * from './resource-handler.js'
export type { LogSource, LogReadOptions } from './subresource-handler.js'
export { scaleOf } from './subresource-handler.js'
export { syncCrd } from './crd-sync.js'
export { wantsTable } from './query-options.js'
