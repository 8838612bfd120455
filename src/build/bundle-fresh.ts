// Also an entry of the bundle: scripts/bundled.mjs imports it to learn, without tsx, whether the
// bundle it would run is still built from the sources as they are, and for mapStackTraces.
import { join } from 'node:path'
import { bundleCacheDir, readBundleRecord, type BundleEntry } from './bundle-cache.js'
import { staleInput } from './bundle-stamp.js'

export { mapStackTraces } from './stack-maps.js'

/** A built bundle's entries. */
export interface Bundle {
  /** Its directory. */
  dir: string
  /** Returns the path of an entry's output file. */
  entry(name: BundleEntry): string
}

/** What a check of the current bundle found: the bundle, or why it cannot be used. */
export type BundleCheck = { bundle: Bundle } | { stale: string }

/**
 * Returns the checkout's current bundle when every source it was built from is unchanged
 * (stamps: modification time and size; a directory scanned at run time, its own stamp), else
 * why it is stale.
 */
export function checkBundle(root: string): BundleCheck {
  const record = readBundleRecord(root)
  if (!record) return { stale: 'no bundle was built yet' }
  const why = staleInput(root, record.stamps)
  if (why) return { stale: why }
  const dir = join(bundleCacheDir(root), record.dir)
  return { bundle: { dir, entry: (name) => join(dir, record.entries[name]) } }
}

// The bundle this process runs from, by checkout: on globalThis, as the sources (through tsx)
// and the bundle each have their own copy of this module.
const RUNNING = Symbol.for('onap-mesh-lab.running-bundle')

function runningTable(): Map<string, Bundle> {
  const g = globalThis as { [RUNNING]?: Map<string, Bundle> }
  return (g[RUNNING] ??= new Map())
}

/** Records that this process runs the checkout's `bundle`, checked fresh as it started. */
export function runFromBundle(root: string, bundle: Bundle): void {
  runningTable().set(root, bundle)
}

/** Returns the checkout's bundle this process runs from (runFromBundle), if it runs from one. */
export function runningBundle(root: string): Bundle | undefined {
  return runningTable().get(root)
}

/** Returns the checkout's current bundle if it is fresh (checkBundle), else undefined. */
export function freshBundle(root: string): Bundle | undefined {
  const c = checkBundle(root)
  return 'bundle' in c ? c.bundle : undefined
}
