import { createHash } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BundleStamps } from './bundle-stamp.js'

/** The entries every bundle has, by name: the source each is built from (relative to the root). */
export const BUNDLE_ENTRIES = {
  'lab-up': 'scripts/lab-up.ts',
  'lab-down': 'scripts/lab-down.ts',
  'lab-status': 'scripts/lab-status.ts',
  'daemon-main': 'src/backends/sim/daemon/daemon-main.ts',
  'bundle-fresh': 'src/build/bundle-fresh.ts',
} as const

/** An entry's name. */
export type BundleEntry = keyof typeof BUNDLE_ENTRIES

/** The record of the bundle in use (`current.json` in the cache dir). */
export interface BundleRecord {
  format: typeof RECORD_FORMAT
  /** The checkout it was built from (the bundle names its sources by absolute path). */
  root: string
  esbuild: string
  /** Its directory's name in the cache dir. */
  dir: string
  /** Each entry's output file, relative to `dir`. */
  entries: Record<BundleEntry, string>
  stamps: BundleStamps
}

/** Bumped when the record's or the bundle's shape changes: an older record is not used. */
export const RECORD_FORMAT = 1

/**
 * Returns the cache dir of a checkout's bundles: under node_modules/.cache (ignored by git,
 * removed by `npm ci`), one per checkout path, as node_modules may be shared by a symlink.
 */
export function bundleCacheDir(root: string): string {
  const key = createHash('sha256').update(root).digest('hex').slice(0, 12)
  return join(root, 'node_modules', '.cache', 'onap-mesh-lab', key)
}

/** Returns the record of the checkout's current bundle, or undefined when there is none. */
export function readBundleRecord(root: string): BundleRecord | undefined {
  try {
    const r = JSON.parse(
      readFileSync(join(bundleCacheDir(root), 'current.json'), 'utf8')
    ) as BundleRecord
    return r.format === RECORD_FORMAT && r.root === root ? r : undefined
  } catch {
    // No record yet, or one half-written by an older version: there is no bundle to use.
    return undefined
  }
}

/** Makes `record` the current bundle: written beside and renamed, so a reader never sees half. */
export function writeBundleRecord(root: string, record: BundleRecord): void {
  const dir = bundleCacheDir(root)
  const tmp = join(dir, `current.json.${process.pid}.${Date.now()}`)
  writeFileSync(tmp, `${JSON.stringify(record)}\n`)
  renameSync(tmp, join(dir, 'current.json'))
}
