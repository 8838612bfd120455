/** @module lab: the lab's options, state directory and daemon. */
export * from './lab-options.js'
export * from './state-dir.js'
export * from './daemon-control.js'
export * from './load-lab.js'
export { runDaemon } from './daemon.js'
export * from './lab-up.js'
export * from './test-run.js'
export * from './machine-socket.js'
