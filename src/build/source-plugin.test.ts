import { expect } from 'chai'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundleSource, DIR_IMPORTS } from './source-plugin.js'

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
