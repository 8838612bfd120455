/** @module admission: the admission chain (mutating then validating plugins) of the API server. */
export * from './admission-chain.js'
export * from './mutating-webhooks.js'
export { namespaceLifecycle } from './namespace-lifecycle.js'
