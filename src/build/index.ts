/**
 * @module build: the bundle of the lab's processes (`lab:up`, the sim daemon): built with
 * esbuild into node_modules/.cache on first use and whenever a source changed, so that Node
 * loads one file and its chunks instead of several hundred .ts modules through tsx.
 */
export {
  BUNDLE_ENTRIES,
  bundleCacheDir,
  readBundleRecord,
  type BundleEntry,
} from './bundle-cache.js'
export type { BundleRecord } from './bundle-cache.js'
export {
  checkBundle,
  freshBundle,
  runFromBundle,
  runningBundle,
  type Bundle,
  type BundleCheck,
} from './bundle-fresh.js'
export { buildBundle } from './build-bundle.js'
export { ensureBundle } from './ensure-bundle.js'
export { bundleSource, DIR_IMPORTS, type DirImport } from './source-plugin.js'
export { BUILD_VALUES, type BuildValue, type BuiltValue } from './build-values.js'
export { mapStackTraces } from './stack-maps.js'
