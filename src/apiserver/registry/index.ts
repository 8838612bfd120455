/** @module registry: generic REST semantics over the store; what differs by resource comes from its record (api/resources/builtin). */
export * from './generic-registry.js'
export * from './registry-context.js'
export * from './ids.js'
export * from './conversion.js'
export { ServiceAllocator, cidrRange, ipString } from './service-allocator.js'
