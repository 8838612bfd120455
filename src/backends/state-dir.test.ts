import { expect } from 'chai'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateDir, STATE_DIR_MARKER } from './state-dir.js'

describe('StateDir.livePid', () => {
  let dir: string
  let state: StateDir
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesh-lab-state-'))
    state = new StateDir(dir)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('returns the pid of a running process', () => {
    state.write('pid', String(process.pid))
    expect(state.livePid()).to.equal(process.pid)
  })

  it('returns nothing for a missing, malformed or exited pid', async () => {
    expect(state.livePid()).to.equal(undefined)
    state.write('pid', 'not-a-pid')
    expect(state.livePid()).to.equal(undefined)
    const child = spawn('true')
    await new Promise((r) => child.on('exit', r))
    state.write('pid', String(child.pid))
    expect(state.livePid()).to.equal(undefined)
  })

  it('treats a killed process that nobody reaped (a zombie) as dead', async function () {
    if (!existsSync('/proc/self/stat')) this.skip()
    // `sleep 0` exits at once; its parent exec's into `sleep 5`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'])
    const zombie = await new Promise<number>((r) => parent.stdout.once('data', (d) => r(Number(d))))
    try {
      await new Promise((r) => setTimeout(r, 200))
      process.kill(zombie, 0) // it is still in the process table …
      state.write('pid', String(zombie))
      expect(state.livePid()).to.equal(undefined) // … yet runs nothing
    } finally {
      parent.kill('SIGKILL')
    }
  })
})

describe('StateDir.remove and ensure: only a lab’s own directory', () => {
  let base: string
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'mesh-lab-state-guard-'))
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  it('removes a directory the lab made (marked), an empty one, and a missing one', () => {
    const made = new StateDir(join(base, 'lab'))
    made.write('pid', '1')
    expect(existsSync(join(made.dir, STATE_DIR_MARKER))).to.equal(true)
    made.remove()
    expect(existsSync(made.dir)).to.equal(false)
    const empty = join(base, 'empty')
    mkdirSync(empty)
    new StateDir(empty).remove()
    expect(existsSync(empty)).to.equal(false)
    new StateDir(join(base, 'never-made')).remove()
  })

  it('removes a state dir made before the mark existed (its daemon start file)', () => {
    const legacy = join(base, 'old-lab')
    mkdirSync(legacy)
    writeFileSync(join(legacy, 'daemon-start.json'), '{}')
    writeFileSync(join(legacy, 'kubeconfig'), 'x')
    new StateDir(legacy).remove()
    expect(existsSync(legacy)).to.equal(false)
  })

  it('refuses to remove, or to use, a directory with other files (a mistyped --state-dir)', () => {
    // A checkout, a home directory: files and no mark.
    const checkout = join(base, 'checkout')
    mkdirSync(join(checkout, 'src'), { recursive: true })
    writeFileSync(join(checkout, 'package.json'), '{}')
    const state = new StateDir(checkout)
    expect(() => state.remove()).to.throw(
      /refusing to remove .*checkout as the lab's state directory: it holds 2 entries \((package\.json, src|src, package\.json)\) and no \.onap-mesh-lab-state mark/
    )
    expect(() => state.write('pid', '1')).to.throw(/refusing to use .*checkout/)
    expect(existsSync(join(checkout, 'package.json'))).to.equal(true)
    expect(existsSync(join(checkout, 'pid'))).to.equal(false)
    expect(existsSync(join(checkout, STATE_DIR_MARKER))).to.equal(false)
  })
})
