import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runFromBundle, runningBundle, type Bundle } from './bundle-fresh.js'
import { ensureBundle } from './ensure-bundle.js'

describe('ensureBundle() in a process that runs from a bundle (runFromBundle)', () => {
  // An empty folder, no checkout: checking or building its bundle fails.
  const root = mkdtempSync(join(tmpdir(), 'ensure-bundle-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  const bundle: Bundle = { dir: join(root, 'b'), entry: (name) => join(root, 'b', `${name}.mjs`) }

  it('gives the bundle the process runs from, without checking or building one', async () => {
    runFromBundle(root, bundle)
    expect(runningBundle(root)).to.equal(bundle)
    expect((await ensureBundle(root)).entry('daemon-main')).to.equal(
      join(root, 'b', 'daemon-main.mjs')
    )
  })

  it('checks (and here fails to build) the bundle of a checkout the process does not run', async () => {
    const other = join(root, 'other')
    expect(runningBundle(other)).to.equal(undefined)
    const err = await ensureBundle(other).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(String(err)).to.contain(`failed to bundle the lab's processes in ${other}`)
  })
})
