import { expect } from 'chai'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const SRC = resolve(import.meta.dirname, '..')

/** Returns the library files (not tests) under a folder of src/. */
function libraryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return libraryFiles(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : []
  })
}

/** Returns the lines of a source that name a file of scripts/ to run. */
function scriptRuns(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /['"`]scripts['"`]\s*,|['"`/]scripts\/[\w-]+\.(ts|mjs|js)['"`]/.test(l))
    .map((l) => l.trim())
}

describe('the lab starts no script', () => {
  it('no file of backends/, lab/ or cluster/ runs a file of scripts/ (the daemon is in src/)', () => {
    const found = ['backends', 'lab', 'cluster']
      .flatMap((d) => libraryFiles(join(SRC, d)))
      .flatMap((f) => scriptRuns(readFileSync(f, 'utf8')).map((l) => `${relative(SRC, f)}: ${l}`))
    expect(found).to.deep.equal([])
  })

  it('sees a spawn of scripts/ the way the daemon used to be started', () => {
    const old =
      "spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'lab-daemon.ts')])"
    expect(scriptRuns(old)).to.have.length(1)
    expect(scriptRuns("execFile(tsx, ['scripts/lab-up.ts'])")).to.have.length(1)
    expect(scriptRuns("import { x } from './scripts-free.js'")).to.deep.equal([])
  })
})
