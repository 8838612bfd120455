/** @module handler: answers API requests (discovery, OpenAPI, REST verbs, subresources, watch). */
export * from './api-handler.js'
export * from './resource-handler.js'
export type { LogSource, LogReadOptions } from './subresource-handler.js'
export { scaleOf } from './subresource-handler.js'
// Kept for older importers: CRD serving moved to the CRD's record (api/resources).
export { syncCrd } from '../../api/resources/index.js'
export { wantsTable } from './query-options.js'
