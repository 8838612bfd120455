import { join } from 'node:path'
import { bundleCacheDir } from './bundle-cache.js'
import { checkBundle, type Bundle } from './bundle-fresh.js'
import { buildBundle } from './build-bundle.js'

/**
 * Returns the checkout's bundle of the lab's processes, built first when there is none or any
 * source it was built from changed (checkBundle): a stale bundle is never run.
 */
export async function ensureBundle(root: string): Promise<Bundle> {
  const c = checkBundle(root)
  if ('bundle' in c) return c.bundle
  const record = await buildBundle(root)
  const dir = join(bundleCacheDir(root), record.dir)
  return { dir, entry: (name) => join(dir, record.entries[name]) }
}
