import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import * as esbuild from 'esbuild'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { mappedFrame } from './stack-maps.js'

describe('mappedFrame() (mapStackTraces)', function () {
  this.timeout(20_000)
  let dir = ''
  let out = ''
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stack-maps-'))
    mkdirSync(join(dir, 'src'))
    // The throw is on line 4 of fail.ts, its caller on line 3 of main.ts.
    writeFileSync(
      join(dir, 'src', 'fail.ts'),
      '// fail\nexport function fail(why: string): never {\n  const e = new Error(why)\n  throw e\n}\n'
    )
    writeFileSync(
      join(dir, 'src', 'main.ts'),
      "import { fail } from './fail.js'\nexport function run(): void {\n  fail('boom')\n}\n" +
        `import { mapStackTraces } from ${JSON.stringify(join(import.meta.dirname, 'stack-maps.ts'))}\n` +
        "if (process.argv[3] === 'mapped') mapStackTraces()\n" +
        "if (process.argv[2] === 'run') {\n  try { run() } catch (e) { console.log((e as Error).stack) }\n}\n"
    )
    await esbuild.build({
      absWorkingDir: dir,
      entryPoints: ['src/main.ts'],
      outdir: join(dir, 'out'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      sourcemap: 'linked',
      sourcesContent: false,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    })
    out = join(dir, 'out', 'main.mjs')
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  /** The frames of run()'s error, as CallSites, raised in this process from the bundle. */
  async function frames(): Promise<NodeJS.CallSite[]> {
    const { run } = (await import(pathToFileURL(out).href)) as { run(): void }
    const keep = Error.prepareStackTrace
    Error.prepareStackTrace = (_e, cs) => cs
    try {
      run()
    } catch (e) {
      return (e as { stack: NodeJS.CallSite[] }).stack
    } finally {
      Error.prepareStackTrace = keep
    }
    throw new Error('run() did not throw')
  }

  const mapOf = (url: string) =>
    url.endsWith('main.mjs')
      ? new SourceMap(JSON.parse(readFileSync(`${out}.map`, 'utf8')) as never)
      : undefined
  const stack = (...flags: string[]) =>
    execFileSync(process.execPath, flags, { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('    at '))
      .map((l) => l.slice('    at '.length))

  it("names the .ts source's line and column, as node --enable-source-maps does", async () => {
    const cs = await frames()
    const ours = cs.slice(0, 2).map((f) => mappedFrame(f, mapOf))
    expect(ours[0]).to.equal(`fail (${join(dir, 'src', 'fail.ts')}:3:13)`)
    expect(ours[1]).to.equal(`run (${join(dir, 'src', 'main.ts')}:3:3)`)
    expect(ours).to.deep.equal(stack('--enable-source-maps', out, 'run').slice(0, 2))
  })

  it('is what a process gets from mapStackTraces(), its maps read only then', () => {
    const mapped = stack(out, 'run', 'mapped')
    // The same places (Node also names a top-level frame `<anonymous>`).
    const places = (lines: string[]) => lines.map((l) => /([^\s()]+:\d+:\d+)\)?$/.exec(l)?.[1])
    expect(places(mapped)).to.deep.equal(places(stack('--enable-source-maps', out, 'run')))
    expect(mapped.slice(0, 2)).to.deep.equal([
      `fail (${join(dir, 'src', 'fail.ts')}:3:13)`,
      `run (${join(dir, 'src', 'main.ts')}:3:3)`,
    ])
    // Negative: without it the frames name the bundle.
    expect(stack(out, 'run')[0]).to.match(/main\.mjs:\d+:\d+\)$/)
  })

  it('leaves a frame as V8 prints it when its file has no map', async () => {
    const cs = await frames()
    expect(mappedFrame(cs[0]!, () => undefined)).to.equal(String(cs[0]))
    expect(String(cs[0])).to.contain('main.mjs:')
  })
})
