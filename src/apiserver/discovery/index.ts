/** @module discovery: aggregated and legacy API discovery documents from the resource catalogue. */
export * from './discovery-docs.js'
