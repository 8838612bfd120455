/** @module bench: the measurements behind `npm run bench` (load generator, reference server). */
export * from './http-load.js'
export * from './api-bench.js'
export * from './cluster-bench.js'
export * from './print-cluster-bench.js'
export * from './lab-bench.js'
export * from './data-plane-bench.js'
export * from './streaming-bench.js'
export * from './sidecar-bench.js'
