import { expect } from 'chai'
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { daemonStart, startDaemon, StateDir, stopDaemon } from '../src/lab/index.js'
import { bundleCacheDir, checkBundle, readBundleRecord } from '../src/build/index.js'
import { repoLabOptions } from '../src/testing/install/lab-options.js'
import { ROOT } from './support/lab-fixture.js'

/**
 * Runs `node scripts/<script>.mjs <args>` (what `npm run lab:up`, `lab:down` and `lab:status`
 * run) in a checkout.
 */
function launch(
  root: string,
  args: string[],
  script = 'lab-up'
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'scripts', `${script}.mjs`), ...args],
      { cwd: root, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('the bundle of the lab (src/build) as `npm run lab:up` uses it', function () {
  this.timeout(240_000)
  // A checkout of its own (sources copied, packages linked): its edits touch no one else's.
  const root = mkdtempSync(join(tmpdir(), 'mesh-lab-bundle-'))
  before(() => {
    for (const f of ['src', 'scripts', 'package.json', 'tsconfig.json'])
      cpSync(join(ROOT, f), join(root, f), { recursive: true })
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
  })
  after(() => {
    rmSync(bundleCacheDir(root), { recursive: true, force: true })
    rmSync(root, { recursive: true, force: true })
  })

  it('is built on first use, reused while its sources are unchanged, rebuilt after an edit', async () => {
    const first = await launch(root, ['--no-such-flag'])
    expect(first.code, first.stderr).to.equal(1)
    expect(first.stderr).to.contain('unknown flag --no-such-flag')
    const built = readBundleRecord(root)?.dir
    expect(built).to.be.a('string')

    // Unchanged sources, and a file the bundle is not built from: the same bundle runs.
    writeFileSync(join(root, 'src', 'lab', 'notes.test.ts'), '// not part of lab:up\n')
    expect(await launch(root, ['--no-such-flag'])).to.include({ code: 1 })
    expect(readBundleRecord(root)?.dir).to.equal(built)

    // The built-in behaviours are in the bundle, parsed (src/build's BUILD_VALUES): an edit to
    // one of their files makes it stale as an edit to a source does.
    const chunks = readdirSync(join(bundleCacheDir(root), built!)).filter((f) => f.endsWith('.mjs'))
    const text = chunks.map((f) => readFileSync(join(bundleCacheDir(root), built!, f), 'utf8'))
    expect(text.some((t) => t.includes(`BUNDLED_BEHAVIOURS = '[{`))).to.equal(true)
    const generic = join(root, 'src', 'kubelet', 'behaviours', 'generic.yaml')
    writeFileSync(generic, `${readFileSync(generic, 'utf8')}\n`)
    expect(checkBundle(root)).to.deep.equal({
      stale: 'file src/kubelet/behaviours/generic.yaml changed',
    })

    // An edit to a source: stale at once, and the next lab:up runs the edited code.
    const flags = join(root, 'scripts', 'lab-flags.ts')
    writeFileSync(
      flags,
      readFileSync(flags, 'utf8').replace('`unknown flag ${f}`', '`unknown flag (edited) ${f}`')
    )
    expect(checkBundle(root)).to.deep.equal({ stale: 'file scripts/lab-flags.ts changed' })
    // Two lab:ups at once on a stale bundle (npm test starts several): both build and run it.
    const both = await Promise.all([launch(root, ['--x1']), launch(root, ['--x2'])])
    expect(both[0].stderr).to.contain('unknown flag (edited) --x1')
    expect(both[1].stderr).to.contain('unknown flag (edited) --x2')
    const rebuilt = readBundleRecord(root)?.dir
    expect(rebuilt).to.not.equal(built)
    expect(checkBundle(root)).to.have.property('bundle')

    // A source that does not build: lab:up says where, and runs no bundle (the last one is stale).
    writeFileSync(flags, `${readFileSync(flags, 'utf8')}\nexport const broken = (\n`)
    const failed = await launch(root, ['--no-such-flag'])
    expect(failed.code).to.equal(1)
    expect(failed.stderr).to.match(
      /failed to bundle the lab's processes in [^]*scripts\/lab-flags\.ts:\d+:\d+: ERROR/
    )
    expect(failed.stderr).to.not.contain('unknown flag')
    expect(readBundleRecord(root)?.dir).to.equal(rebuilt)
    expect(checkBundle(root)).to.deep.equal({ stale: 'file scripts/lab-flags.ts changed' })
  })

  it('runs lab:status and lab:down from the same bundle, with their own flags and answers', async () => {
    // The case above left lab-flags.ts broken: the checkout's own copy again.
    cpSync(join(ROOT, 'scripts', 'lab-flags.ts'), join(root, 'scripts', 'lab-flags.ts'))
    const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-bundle-state-'))
    try {
      const status = await launch(root, ['--state-dir', stateDir], 'lab-status')
      expect(status.code, status.stderr).to.equal(1)
      expect(status.stdout).to.contain('No lab is up.')
      const record = readBundleRecord(root)
      expect(record?.entries).to.include.keys('lab-status', 'lab-down')
      const down = await launch(root, ['--state-dir', stateDir], 'lab-down')
      expect(down.code, down.stderr).to.equal(0)
      expect(down.stdout).to.contain('No lab was running; state removed.')
      // Negative: a flag they do not know fails as the .ts scripts do, from the bundle.
      const bad = await launch(root, ['--no-such-flag'], 'lab-status')
      expect(bad.code).to.equal(1)
      expect(bad.stderr).to.contain('unknown flag --no-such-flag')
      expect(readBundleRecord(root)?.dir).to.equal(record?.dir)
    } finally {
      rmSync(stateDir, { recursive: true, force: true })
    }
  })

  it('lab:down removes nothing that is not a lab’s state dir: an empty --state-dir, a checkout', async () => {
    // Run from inside the checkout, as a user would: `--state-dir ""` once meant the checkout.
    const empty = await launch(root, ['--state-dir', ''], 'lab-down')
    expect(empty.code).to.equal(1)
    expect(empty.stderr).to.contain('--state-dir needs a path: it was given an empty one')
    const other = await launch(root, ['--state-dir', join(root, 'scripts')], 'lab-down')
    expect(other.code).to.equal(1)
    expect(other.stderr).to.match(
      /refusing to remove .*\/scripts as the lab's state directory: it holds \d+ entries .* and no \.onap-mesh-lab-state mark/
    )
    for (const kept of ['package.json', 'scripts/lab-down.mjs', 'src'])
      expect(existsSync(join(root, kept)), kept).to.equal(true)
  })

  it('runs the sim daemon from the bundle: it starts and serves /version', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-bundle-daemon-'))
    const state = new StateDir(stateDir)
    try {
      const url = await startDaemon(ROOT, daemonStart(repoLabOptions({ stateDir })))
      const cmdline = readFileSync(`/proc/${state.read('pid')}/cmdline`, 'utf8').split('\0')
      expect(
        cmdline.some((a) => /onap-mesh-lab\/[0-9a-f]+\/b-[^/]+\/daemon-main\.mjs$/.test(a))
      ).to.equal(true, cmdline.join(' '))
      expect(cmdline).to.not.include('tsx')
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${url}/version`, { ca: state.read('ca.crt') }, (res) => {
          let text = ''
          res.on('data', (c: Buffer) => (text += c.toString()))
          res.on('end', () => resolve(text))
        })
        req.on('error', reject)
        req.end()
      })
      expect(JSON.parse(body))
        .to.have.property('gitVersion')
        .that.matches(/^v1\.\d+\.\d+/)
    } finally {
      await stopDaemon(state)
    }
  })

  it('stops a daemon whose state dir was removed by hand (lab:down could never reach it)', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-bundle-orphan-'))
    const state = new StateDir(stateDir)
    try {
      await startDaemon(ROOT, daemonStart(repoLabOptions({ stateDir })))
      const pid = Number(state.read('pid'))
      const alive = () => {
        try {
          process.kill(pid, 0)
          return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
        } catch {
          return false
        }
      }
      await new Promise((r) => setTimeout(r, 2500))
      expect(alive(), 'the daemon runs while its state dir is there').to.equal(true)
      rmSync(stateDir, { recursive: true, force: true })
      const deadline = Date.now() + 15_000
      while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      expect(alive(), `daemon ${pid} still runs without its state dir`).to.equal(false)
      expect(existsSync(stateDir), 'the orphan wrote its state dir again').to.equal(false)
    } finally {
      if (existsSync(stateDir)) await stopDaemon(state)
    }
  })
})
