/** @module sim: the simulated cluster backend. */
export * from './sim-cluster.js'
export * from './sim-pki.js'
