import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Plugin } from 'esbuild'
import { fillBuildValue, type BuildValue, type BuiltValue } from './build-values.js'

/**
 * A module that imports the files of a folder it lists at run time (`import(url)` of a computed
 * URL): the bundle must hold them, so the plugin imports each statically and answers every
 * computed import of that module from them.
 */
export interface DirImport {
  /** The importing module, relative to the root. */
  file: string
  /** The folder whose subfolders' modules it imports, relative to the root. */
  dir: string
}

/** The modules of the lab that import a folder's modules by URL (the built-in resource records). */
export const DIR_IMPORTS: readonly DirImport[] = [
  { file: 'src/api/resources/builtin-records.ts', dir: 'src/api/resources/builtin' },
]

/** A dynamic import of a computed specifier (not a string literal). */
const COMPUTED_IMPORT = /\bimport\((?=\s*[^\s'"`])/g

const MODULE = /^[a-z0-9-]+\.ts$/
const NOT_MODULE = /\.(test|d)\.ts$/

/** Returns the subfolders of a DirImport's folder (relative to the root): the build scans them. */
export function dirImportFolders(root: string, d: DirImport): string[] {
  return readdirSync(join(root, d.dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(d.dir, e.name))
    .sort()
}

/** What `import.meta.*` becomes in the bundle: each module's own constant (bundleSource). */
export const META_DEFINES = {
  'import.meta.url': '__labMetaUrl',
  'import.meta.dirname': '__labMetaDirname',
  'import.meta.filename': '__labMetaFilename',
} as const

/**
 * Returns a module's text for the bundle: `import.meta.url`, `.dirname` and `.filename` (through
 * META_DEFINES, so never inside a string) name the source file itself, so that files read
 * beside it, under src/, are found; and a folder import (DirImport) is answered from static
 * imports of the folder's modules. The constants go on the first line: line numbers stay.
 */
export function bundleSource(root: string, path: string, text: string): string {
  let out = text
  const d = DIR_IMPORTS.find((x) => join(root, x.file) === path)
  if (d) out = answerDirImport(root, d, path, out)
  if (!out.includes('import.meta')) return out
  const consts = [
    `const __labMetaUrl = ${JSON.stringify(pathToFileURL(path).href)};`,
    `const __labMetaDirname = ${JSON.stringify(dirname(path))};`,
    `const __labMetaFilename = ${JSON.stringify(path)};`,
  ]
  return `${consts.join(' ')} ${out}`
}

function answerDirImport(root: string, d: DirImport, path: string, text: string): string {
  if (text.search(COMPUTED_IMPORT) < 0)
    throw new Error(
      `failed to bundle ${d.file}: it imports no computed URL any more (update DIR_IMPORTS in src/build/source-plugin.ts)`
    )
  const files = dirImportFolders(root, d).flatMap((sub) =>
    readdirSync(join(root, sub))
      .filter((f) => MODULE.test(f) && !NOT_MODULE.test(f))
      .sort()
      .map((f) => join(root, sub, f))
  )
  const imports = files.map(
    (f, i) => `import * as __bundled${i} from ${JSON.stringify(`./${relative(dirname(path), f)}`)}`
  )
  const table = files.map((f, i) => `[${JSON.stringify(pathToFileURL(f).href)}, __bundled${i}]`)
  // The table first (the module's top-level await may import before its last line ran), all
  // on the first line so that the module's own lines keep their numbers.
  return [
    ...imports.map((i) => `${i};`),
    `const __bundledModules = new Map<string, unknown>([${table.join(', ')}]);`,
    `function __bundledImport(href: string): Promise<unknown> {`,
    `  const m = __bundledModules.get(href);`,
    `  if (m === undefined) throw new Error(\`failed to import \${href}: the lab's bundle does not hold it\`);`,
    `  return Promise.resolve(m);`,
    `}`,
    text.replace(COMPUTED_IMPORT, '__bundledImport('),
  ].join(' ')
}

/** Returns whether a path is one of the lab's own TypeScript modules (not a package's). */
export function isOwnModule(path: string): boolean {
  return path.endsWith('.ts') && !path.split(/[\\/]/).includes('node_modules')
}

/** Marks the plugin's own resolve of a relative import, so that it does not answer it again. */
const RESOLVING = 'lab-sources:resolving'

/** The build values of a build (BUILD_VALUES) by their module's absolute path, being computed. */
export type BuildValues = ReadonlyMap<string, { value: BuildValue; built: Promise<BuiltValue> }>

/**
 * The esbuild plugin that loads the lab's own TypeScript through bundleSource (a module of
 * `values` with its constant filled in first), and declares the lab's own modules free of side
 * effects on import: esbuild then leaves out a module none of whose exports an entry uses
 * (lab-up needs no simulator), as it would for a package that says `"sideEffects": false`.
 */
export function sourcePlugin(root: string, values: BuildValues = new Map()): Plugin {
  return {
    name: 'lab-sources',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        const data = args.pluginData as Record<string, unknown> | undefined
        if (data?.[RESOLVING] || !isOwnModule(args.importer)) return undefined
        const r = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { [RESOLVING]: true },
        })
        if (r.errors.length > 0) return { errors: r.errors, warnings: r.warnings }
        if (r.external || !isOwnModule(r.path)) return r
        return { ...r, sideEffects: false }
      })
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        let text = readFileSync(args.path, 'utf8')
        const v = values.get(args.path)
        if (v) text = fillBuildValue(v.value, text, await v.built)
        const own = !args.path.includes('/node_modules/')
        // A package's module is left to esbuild unless it uses import.meta (see META_DEFINES).
        if (!own && !text.includes('import.meta')) return undefined
        const contents = bundleSource(root, args.path, text)
        return { contents, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' }
      })
    },
  }
}
