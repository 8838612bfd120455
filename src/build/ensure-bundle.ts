import { join } from 'node:path'
import { bundleCacheDir } from './bundle-cache.js'
import { checkBundle, runningBundle, type Bundle } from './bundle-fresh.js'
import { buildBundle } from './build-bundle.js'

/**
 * Returns the checkout's bundle of the lab's processes, built first when there is none or any
 * source it was built from changed (checkBundle): a stale bundle is never run. A process that
 * runs from a bundle (lab:up, runFromBundle) gets that one, checked as it started: the daemon
 * it starts runs the same build as it does, and its sources are not checked twice.
 */
export async function ensureBundle(root: string): Promise<Bundle> {
  const running = runningBundle(root)
  if (running) return running
  const c = checkBundle(root)
  if ('bundle' in c) return c.bundle
  const record = await buildBundle(root)
  const dir = join(bundleCacheDir(root), record.dir)
  return { dir, entry: (name) => join(dir, record.entries[name]) }
}
