/** @module bench: the measurements behind `npm run bench` (load generator, reference server). */
export * from './http-load.js'
export * from './api-bench.js'
