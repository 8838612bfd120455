/** @module backends/sim/daemon: the sim lab's daemon, its control from the CLI and its machine socket. */
export * from './daemon-control.js'
export * from './daemon-start.js'
export * from './machine-socket.js'
export { machineCommands } from './machine-commands.js'
export { parseCurlCommand, curlInPod } from './curl-command.js'
export { runDaemon } from './run-daemon.js'
export * from './scenario-run.js'
export { labScheduleRunner } from './scenario-runner.js'
