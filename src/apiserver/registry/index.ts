/** @module registry: generic REST semantics over the store (defaults, admission, validation, deletion). */
export * from './generic-registry.js'
export * from './registry-context.js'
export * from './ids.js'
export * from './conversion.js'
export { ServiceAllocator, cidrRange, ipString } from './service-allocator.js'
export { qosClass } from './defaults/pod-defaults.js'
