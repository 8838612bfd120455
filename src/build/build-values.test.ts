import { expect } from 'chai'
import * as esbuild from 'esbuild'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { behavioursFromJson, loadBehaviourDir } from '../kubelet/index.js'
import { staleInput, takeStamps } from './bundle-stamp.js'
import { BUILD_VALUES, fillBuildValue, type BuildValue, type BuiltValue } from './build-values.js'
import { sourcePlugin } from './source-plugin.js'

const ROOT = resolve(import.meta.dirname, '..', '..')
const HEADER = 'apiVersion: onap-mesh-lab/v1alpha1\nkind: ImageBehaviourList\n'
const BEHAVIOURS = BUILD_VALUES.find((v) => v.name === 'BUNDLED_BEHAVIOURS')!

describe('fillBuildValue()', () => {
  const v: BuildValue = { file: 'm.ts', name: 'DATA', compute: () => Promise.reject(new Error()) }
  const built = (json: string | undefined): BuiltValue => ({ json, files: [], dirs: [] })
  const text = '// m\nconst DATA: unknown = undefined\nexport const data = DATA\n'

  it('sets the constant to its JSON text on the same line', () => {
    const out = fillBuildValue(v, text, built('{"a":[1,"x\'y"]}'))
    expect(out.split('\n')).to.have.length(4)
    expect(out.split('\n')[1]).to.equal(`const DATA: unknown = "{\\"a\\":[1,\\"x'y\\"]}"`)
  })

  it('leaves it unset when there is no value (the module then computes it itself)', () => {
    expect(fillBuildValue(v, text, built(undefined))).to.equal(text)
  })

  it('refuses a module that no longer declares the constant once, naming what to update', () => {
    const why =
      /failed to bundle m\.ts: it does not declare `const DATA: unknown = undefined` once \(update BUILD_VALUES/
    expect(() => fillBuildValue(v, 'const DATA = 1\n', built('1'))).to.throw(why)
    expect(() => fillBuildValue(v, `${text}${text}`, built('1'))).to.throw(why)
  })

  it("finds the declaration in the lab's own module", () => {
    const source = readFileSync(join(ROOT, BEHAVIOURS.file), 'utf8')
    expect(fillBuildValue(BEHAVIOURS, source, built('[]'))).to.contain(
      `const BUNDLED_BEHAVIOURS: unknown = "[]"`
    )
  })
})

describe('BUILD_VALUES: the built-in behaviours', () => {
  let root = ''
  const dir = () => join(root, 'src', 'kubelet', 'behaviours')
  const past = Date.now() / 1000 - 60
  const file = (name: string, text: string) => {
    writeFileSync(join(dir(), name), text)
    utimesSync(join(dir(), name), past, past)
  }
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-values-'))
    mkdirSync(dir(), { recursive: true })
    file('a.yaml', `${HEADER}items:\n- {name: a, images: ['a'], action: exit}\n`)
    file(
      'b.yaml',
      `${HEADER}items:\n- name: b\n  images: ['b']\n  action: serve\n  app: {ports: [80]}\n`
    )
    utimesSync(dir(), past, past)
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('are the files parsed, with the files and folder they came from', async () => {
    const built = await BEHAVIOURS.compute(root)
    expect(built.files).to.deep.equal([
      'src/kubelet/behaviours/a.yaml',
      'src/kubelet/behaviours/b.yaml',
    ])
    expect(built.dirs).to.deep.equal(['src/kubelet/behaviours'])
    const bundled = behavioursFromJson(JSON.parse(built.json!) as [])
    const strip = (bs: typeof bundled) => bs.map(({ app, ...b }) => ({ ...b, app: app?.value }))
    expect(strip(bundled)).to.deep.equal(strip(loadBehaviourDir(dir())))
    expect(bundled[1]!.app!.lineOf('ports')).to.equal(7)
  })

  it('are left to the daemon when a file does not parse (it names file and line at its start)', async () => {
    file('b.yaml', `${HEADER}items:\n- {name: b, images: ['b'], action: explode}\n`)
    const built = await BEHAVIOURS.compute(root)
    expect(built.json).to.equal(undefined)
    expect(built.files).to.have.length(2)
  })

  it('make the bundle stale when a file changes, is added or is removed', async () => {
    const built = await BEHAVIOURS.compute(root)
    const stamps = takeStamps(root, built.files, built.dirs, Date.now())
    expect(staleInput(root, stamps)).to.equal(undefined)
    writeFileSync(
      join(dir(), 'a.yaml'),
      `${HEADER}items:\n- {name: a, images: ['a'], action: crash}\n`
    )
    expect(staleInput(root, stamps)).to.equal('file src/kubelet/behaviours/a.yaml changed')
    const fresh = takeStamps(root, built.files, built.dirs, Date.now() + 1000)
    writeFileSync(join(dir(), 'c.yaml'), `${HEADER}items: []\n`)
    expect(staleInput(root, fresh)).to.equal('directory src/kubelet/behaviours changed')
  })

  it('are in the module esbuild bundles through sourcePlugin', async function () {
    this.timeout(20_000)
    const mod = join(root, BEHAVIOURS.file)
    writeFileSync(
      mod,
      '// the loader\nconst BUNDLED_BEHAVIOURS: unknown = undefined\nexport const b = BUNDLED_BEHAVIOURS\n'
    )
    const values = new Map([[mod, { value: BEHAVIOURS, built: BEHAVIOURS.compute(root) }]])
    const r = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [mod],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
      plugins: [sourcePlugin(root, values)],
    })
    const out = r.outputFiles[0]!.text
    const { b } = (await import(`data:text/javascript,${encodeURIComponent(out)}`)) as { b: string }
    expect(JSON.parse(b).map((x: { name: string }) => x.name)).to.deep.equal(['a', 'b'])
    // Without the values, the module keeps its own `undefined` (from the sources: it reads files).
    const plain = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [mod],
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
      plugins: [sourcePlugin(root)],
    })
    expect(plain.outputFiles[0]!.text).to.contain('BUNDLED_BEHAVIOURS = void 0')
  })
})
