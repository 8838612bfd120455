import { expect } from 'chai'
import * as esbuild from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundleSource, DIR_IMPORTS, isOwnModule, sourcePlugin } from './source-plugin.js'

const ROOT = resolve(import.meta.dirname, '..', '..')

describe('bundleSource()', () => {
  const path = join(ROOT, 'src', 'x', 'y.ts')

  it("gives a module using import.meta its own file's URL, dir and path, keeping its lines", () => {
    const text = "// y\nconst dir = new URL('./data/', import.meta.url)\nexport { dir }\n"
    const out = bundleSource(ROOT, path, text)
    expect(out.split('\n')).to.have.length(text.split('\n').length)
    expect(out).to.contain(`const __labMetaUrl = "${pathToFileURL(path).href}";`)
    expect(out).to.contain(`const __labMetaDirname = "${join(ROOT, 'src', 'x')}";`)
    expect(out.endsWith(text)).to.equal(true)
  })

  it('leaves a module without import.meta as it is', () => {
    const text = 'export const a = 1\n'
    expect(bundleSource(ROOT, path, text)).to.equal(text)
  })

  it("answers the resource records' folder import from static imports of each record", () => {
    const d = DIR_IMPORTS[0]!
    const file = join(ROOT, d.file)
    const text = 'const ROOT = 1\nconst mod = await Promise.race([import(url.href), other])\n'
    const out = bundleSource(ROOT, file, text)
    expect(out.split('\n')).to.have.length(3)
    expect(out).to.match(/import \* as __bundled0 from "\.\/builtin\/[a-z0-9.-]+\/[a-z0-9-]+\.ts";/)
    expect(out).to.not.match(/\.test\.ts"/)
    expect(out).to.contain(pathToFileURL(join(ROOT, d.dir, 'core', 'pods.ts')).href)
    expect(out).to.contain('const mod = await Promise.race([__bundledImport(url.href), other])')
  })

  it('refuses a records module whose folder import changed, naming what to update', () => {
    const file = join(ROOT, DIR_IMPORTS[0]!.file)
    expect(() => bundleSource(ROOT, file, "const mod = await import('./core/pods.js')\n")).to.throw(
      /builtin-records\.ts: it imports no computed URL any more \(update DIR_IMPORTS/
    )
  })
})

describe('sourcePlugin()', function () {
  this.timeout(20_000)
  let dir: string

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'source-plugin-'))
    const file = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    // The entry uses `used` of its helper module; `sim.ts` (imported, never used) says it loaded.
    file('entry.ts', "import { used } from './lib/index.ts'\nconsole.log(used())\n")
    file('lib/index.ts', "export { used } from './used.ts'\nexport { startSim } from './sim.ts'\n")
    file('lib/used.ts', "export const used = () => 'used'\n")
    file('lib/sim.ts', "console.log('SIM LOADED')\nexport const startSim = () => 'sim'\n")
    // A package's module keeps what its package says (nothing here: it may have side effects).
    file('node_modules/pkg/index.js', "console.log('PKG LOADED')\nexport const p = 1\n")
    file('node_modules/pkg/package.json', '{"name":"pkg","type":"module","main":"index.js"}')
    file('pkg-entry.ts', "import './node_modules/pkg/index.js'\nconsole.log('x')\n")
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  const build = async (entry: string, plugins: esbuild.Plugin[]) => {
    const r = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: [join(dir, entry)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
      plugins,
    })
    return r.outputFiles[0]!.text
  }

  it('leaves out an own module none of whose exports the entry uses', async () => {
    const out = await build('entry.ts', [sourcePlugin(dir)])
    expect(out).to.contain('var used =')
    expect(out).to.not.contain('SIM LOADED')
  })

  it('is what leaves it out: without the plugin esbuild keeps the unused module', async () => {
    const out = await build('entry.ts', [])
    expect(out).to.contain('SIM LOADED')
  })

  it("keeps a package's module with its side effects", async () => {
    const out = await build('pkg-entry.ts', [sourcePlugin(dir)])
    expect(out).to.contain('PKG LOADED')
  })

  it("tells the lab's own modules from packages' and from other files", () => {
    expect(isOwnModule('/r/src/install/action.ts')).to.equal(true)
    expect(isOwnModule('/r/node_modules/tsx/dist/x.ts')).to.equal(false)
    expect(isOwnModule('/r/node_modules/yaml/index.js')).to.equal(false)
    expect(isOwnModule('/r/lab/install/steps.yaml')).to.equal(false)
  })
})
