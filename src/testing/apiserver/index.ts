/** @module testing/apiserver: shared in-process harnesses for the API server's and client's tests. */
export * from './dig.js'
export * from './failure.js'
export * from './test-cluster.js'
export * from './handler-harness.js'
export * from './client-harness.js'
export * from './print-fixtures.js'
export * from './crd-fixtures.js'
export * from './mulberry32.js'
