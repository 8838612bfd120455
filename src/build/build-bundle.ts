import { mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  BUNDLE_ENTRIES,
  bundleCacheDir,
  RECORD_FORMAT,
  writeBundleRecord,
  type BundleEntry,
  type BundleRecord,
} from './bundle-cache.js'
import { takeStamps } from './bundle-stamp.js'
import { BUILD_VALUES } from './build-values.js'
import {
  DIR_IMPORTS,
  dirImportFolders,
  META_DEFINES,
  sourcePlugin,
  type BuildValues,
} from './source-plugin.js'

/** Files that shape every build without being bundled: a change to one rebuilds. */
const BUILD_INPUTS = ['package.json', 'tsconfig.json']

const REQUIRE_SHIM =
  "import { createRequire as __labRequire } from 'node:module'; const require = __labRequire(import.meta.url);"

/** Old bundle dirs are removed once this old (a process started from one may still run). */
const KEEP_OLD_MS = 60 * 60 * 1000

/**
 * Builds the lab's processes (BUNDLE_ENTRIES) into one esbuild bundle with shared chunks and
 * source maps, in a new dir of the cache, and makes it current; returns its record. Concurrent
 * builds each write their own dir and the last rename wins: a reader never sees half a bundle.
 */
export async function buildBundle(root: string): Promise<BundleRecord> {
  const esbuild = await import('esbuild')
  const cache = bundleCacheDir(root)
  const name = `b-${Date.now().toString(36)}-${process.pid}`
  mkdirSync(cache, { recursive: true })
  // Its real path: the source maps name the sources relative to it (node_modules may be a link).
  const outdir = join(realpathSync(cache), name)
  mkdirSync(outdir)
  const builtAt = Date.now()
  // Computed while esbuild reads the sources; their inputs are stamped with the bundle's.
  const values: BuildValues = new Map(
    BUILD_VALUES.map((value) => [join(root, value.file), { value, built: value.compute(root) }])
  )
  // Awaited below (or by the plugin): a failure is the build's, not an unhandled rejection.
  for (const v of values.values()) v.built.catch(() => undefined)
  let result
  let built
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: BUNDLE_ENTRIES,
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The packages too (no CommonJS loader, no export-name lexing at start); esbuild only
      // builds, so it is loaded from node_modules when needed.
      external: ['esbuild'],
      // For the CommonJS packages' require() of Node's modules.
      banner: { js: REQUIRE_SHIM },
      sourcemap: 'linked',
      // Stack traces need only the mappings; the sources are beside them under src/.
      sourcesContent: false,
      outExtension: { '.js': '.mjs' },
      metafile: true,
      logLevel: 'silent',
      define: META_DEFINES,
      plugins: [sourcePlugin(root, values)],
    })
    built = await Promise.all([...values.values()].map((v) => v.built))
  } catch (err) {
    rmSync(outdir, { recursive: true, force: true })
    // esbuild's message names each error's file, line and column: the user needs it to fix one.
    const why = err instanceof Error ? err.message : String(err)
    throw new Error(`failed to bundle the lab's processes in ${root}: ${why}`, { cause: err })
  }
  const entries = {} as Record<BundleEntry, string>
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    const entry = meta.entryPoint
    const found = Object.entries(BUNDLE_ENTRIES).find(([, src]) => src === entry)
    if (found) entries[found[0] as BundleEntry] = relative(outdir, join(root, out))
  }
  const files = [
    ...Object.keys(result.metafile.inputs),
    ...BUILD_INPUTS,
    ...buildSources(root),
    ...built.flatMap((b) => b.files),
  ]
  const dirs = [
    ...DIR_IMPORTS.flatMap((d) => [d.dir, ...dirImportFolders(root, d)]),
    ...built.flatMap((b) => b.dirs),
  ]
  const record: BundleRecord = {
    format: RECORD_FORMAT,
    root,
    esbuild: esbuild.version,
    dir: name,
    entries,
    stamps: takeStamps(root, [...new Set(files)], dirs, builtAt),
  }
  writeBundleRecord(root, record)
  removeOld(cache, name)
  return record
}

/** The builder's own sources: how a bundle is built is an input of it too. */
function buildSources(root: string): string[] {
  const dir = join('src', 'build')
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
}

function removeOld(cache: string, keep: string): void {
  for (const d of readdirSync(cache)) {
    if (d === keep || !d.startsWith('b-')) continue
    const path = join(cache, d)
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS)
        rmSync(path, { recursive: true, force: true })
    } catch {
      // Another build removed it first: nothing left to do.
    }
  }
}
