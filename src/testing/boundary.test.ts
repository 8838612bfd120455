import { expect } from 'chai'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const SRC = resolve(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : []
  )
}

/** Files that may lean on the harnesses: tests, benches and the harnesses themselves. */
const mayUseHarnesses = (rel: string): boolean =>
  rel.endsWith('.test.ts') || rel.startsWith('testing/') || rel.startsWith('bench/')

/** Production files of `src/` that import from `src/testing/` or from `scripts/`. */
export function boundaryViolations(
  files: readonly string[],
  read: (f: string) => string
): string[] {
  const bad: string[] = []
  for (const file of files) {
    const rel = relative(SRC, file)
    const specs = [...read(file).matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!)
    for (const spec of specs) {
      if (!spec.startsWith('.')) continue
      const target = relative(SRC, resolve(join(file, '..'), spec))
      if (target.startsWith('../scripts/')) bad.push(`${rel} imports ${spec}`)
      else if (target.startsWith('testing/') && !mayUseHarnesses(rel))
        bad.push(`${rel} imports ${spec}`)
    }
  }
  return bad
}

describe('src/testing boundary', () => {
  it('no production file imports the test harnesses or scripts/', () => {
    const files = sourceFiles(SRC).filter((f) => f !== import.meta.filename)
    expect(boundaryViolations(files, (f) => readFileSync(f, 'utf8'))).to.deep.equal([])
  })

  it('names a barrel that re-exports a harness (negative case)', () => {
    const file = join(SRC, 'mesh', 'index.ts')
    const bad = boundaryViolations([file], () => "export * as t from '../testing/mesh/index.js'\n")
    expect(bad).to.deep.equal(['mesh/index.ts imports ../testing/mesh/index.js'])
  })

  it('names a library file that imports scripts/ (negative case)', () => {
    const file = join(SRC, 'lab', 'up.ts')
    const bad = boundaryViolations([file], () => "import { x } from '../../scripts/lab-up.js'\n")
    expect(bad).to.deep.equal(['lab/up.ts imports ../../scripts/lab-up.js'])
  })
})
