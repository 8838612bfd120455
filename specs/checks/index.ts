/** @module specs/checks: the lab's checks, each `checkX(client, expected)` failing with a table of wrong rows. */
export * from './chart-repo.js'
export * from './injection.js'
export * from './inventory.js'
export * from './msb.js'
export * from './readiness.js'
export * from './run-checks.js'
export * from './topology.js'
