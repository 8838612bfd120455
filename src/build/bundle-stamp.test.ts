import { expect } from 'chai'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { staleInput, takeStamps } from './bundle-stamp.js'

describe('takeStamps() / staleInput()', () => {
  let root = ''
  const past = Date.now() / 1000 - 60
  const file = (name: string, text: string) => {
    writeFileSync(join(root, name), text)
    utimesSync(join(root, name), past, past)
  }
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bundle-stamp-'))
    mkdirSync(join(root, 'dir'))
    file('a.ts', 'export const a = 1\n')
    file('b.ts', 'export const b = 2\n')
    utimesSync(join(root, 'dir'), past, past)
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('finds nothing stale while the inputs are as they were built', () => {
    const stamps = takeStamps(root, ['a.ts', 'b.ts'], ['dir'], Date.now())
    expect(staleInput(root, stamps)).to.equal(undefined)
    // A file the bundle was not built from does not matter.
    writeFileSync(join(root, 'other.ts'), 'x')
    expect(staleInput(root, stamps)).to.equal(undefined)
  })

  it('names an input edited after the build, also with the same size', () => {
    const stamps = takeStamps(root, ['a.ts', 'b.ts'], [], Date.now())
    writeFileSync(join(root, 'b.ts'), 'export const b = 3\n')
    expect(staleInput(root, stamps)).to.equal('file b.ts changed')
  })

  it('names an input that is gone, and a scanned directory that got a file', () => {
    const stamps = takeStamps(root, ['a.ts'], ['dir'], Date.now())
    writeFileSync(join(root, 'dir', 'new.ts'), 'x')
    expect(staleInput(root, stamps)).to.equal('directory dir changed')
    rmSync(join(root, 'a.ts'))
    expect(staleInput(root, stamps)).to.equal('file a.ts is gone')
  })

  it('never trusts an input changed while the build ran (it may have read the old text)', () => {
    const builtAt = Date.now() - 1000
    writeFileSync(join(root, 'a.ts'), 'export const a = 9\n')
    const stamps = takeStamps(root, ['a.ts', 'b.ts'], [], builtAt)
    expect(stamps.files['a.ts']).to.deep.equal([-1, -1])
    expect(staleInput(root, stamps)).to.equal('file a.ts changed')
  })
})
