/**
 * @module backends: where a lab runs (`sim`, `kind`, `existing`), each owning its lifecycle:
 * `newBackend(name)` from the registry, `up()` returns the started lab (kubeconfig, server URL,
 * cluster operations, install options, `down()`). Also the lab's state dir and install record.
 */
export * from './backend-names.js'
export * from './backend.js'
export * from './registry.js'
export * from './state-dir.js'
export * from './install-record.js'
export * from './sim/index.js'
export * from './kind/index.js'
export * from './existing/index.js'
