/**
 * @module lab: the lab as users drive it: its options (flags, `LAB_*` variables), `lab:up` on
 * any backend (one path: the backend's `up()`, then the install steps), the test runner, and the
 * page's URLs. The CLI's backend-side commands (daemon state, snapshots, the machine socket)
 * are re-exported from backends.
 */
export * from './lab-options.js'
export * from './lab-up.js'
export * from './test-run.js'
export { urlLines } from './lab-urls.js'
export {
  daemonState,
  daemonStart,
  defaultSnapshotName,
  encodeSnapshot,
  execOnMachine,
  journalTimeline,
  JOURNAL_FILE,
  readSnapshotFile,
  restoreHooks,
  restoreLab,
  resumeMachines,
  serveMachineSocket,
  snapshotLab,
  snapshotObjects,
  startDaemon,
  StateDir,
  stopDaemon,
  takeSnapshot,
  writeSnapshotFile,
  type MachineResult,
} from '../backends/index.js'
export { loadLab, type LabDefinition } from '../cluster/index.js'
