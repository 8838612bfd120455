/** @module lab/snapshot: a lab's whole state in one versioned, compressed file, and restoring it. */
export * from './snapshot-types.js'
export { encodeSnapshot, decodeSnapshot, newHeader } from './snapshot-codec.js'
export { readSnapshotFile } from './read-snapshot.js'
export { labVersion } from './lab-version.js'
export {
  takeSnapshot,
  writeSnapshotFile,
  type DefinitionFiles,
  type SnapshotOptions,
  type SnapshotSource,
} from './take-snapshot.js'
export * from './daemon-snapshots.js'
export * from './state-files.js'
export * from './snapshot-lab.js'
export * from './restore-lab.js'
export * from './event-journal.js'
export * from './journal-timeline.js'
