// Runs one of the lab's scripts from the lab's bundle (src/build/): built with esbuild on first use
// and whenever a source changed, so that Node loads one module graph instead of several hundred .ts
// files through tsx. Same flags, output and exit codes as the script's .ts source.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '..')

/** Returns the current bundle if it is fresh, else a new build (src/build's Bundle). */
async function currentBundle() {
  try {
    // The bundle's own check (src/build/bundle-fresh.ts, an entry of it) needs no tsx. The cache
    // dir is bundleCacheDir() of src/build/bundle-cache.ts.
    const key = createHash('sha256').update(root).digest('hex').slice(0, 12)
    const cache = join(root, 'node_modules', '.cache', 'onap-mesh-lab', key)
    const record = JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8'))
    const check = join(cache, record.dir, record.entries['bundle-fresh'])
    const { freshBundle } = await import(pathToFileURL(check).href)
    const bundle = freshBundle(root)
    if (bundle) return bundle
  } catch {
    // No bundle yet (or one of an older shape): build it below.
  }
  const { tsImport } = await import('tsx/esm/api')
  const build = await tsImport('../src/build/index.ts', import.meta.url)
  return build.ensureBundle(root)
}

/** Runs the bundle's entry `name` (`lab-up`, `lab-down`, `lab-status`) in this process. */
export async function runBundled(name) {
  let bundle
  try {
    bundle = await currentBundle()
  } catch (err) {
    console.error(`\nERROR: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
  const own = await import(pathToFileURL(bundle.entry('bundle-fresh')).href)
  // Stack traces name the .ts files, through the bundle's source maps read when one is printed
  // (Node's --enable-source-maps would read every chunk's map as it loads).
  own.mapStackTraces()
  // The daemon lab:up starts runs this bundle too (ensureBundle), not checked again.
  own.runFromBundle(root, bundle)
  await import(pathToFileURL(bundle.entry(name)).href)
}
