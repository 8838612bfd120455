import { readFileSync } from 'node:fs'
import { labVersion } from './lab-version.js'
import { decodeSnapshot } from './snapshot-codec.js'
import type { LabSnapshot } from './snapshot-types.js'

/** Reads and checks a snapshot file; throws an Error naming the file and what is wrong with it. */
export function readSnapshotFile(path: string, version = labVersion()): LabSnapshot {
  let data: Buffer
  try {
    data = readFileSync(path)
  } catch (err) {
    throw new Error(
      `failed to read the snapshot ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err }
    )
  }
  return decodeSnapshot(data, path, version)
}
