import { expect } from 'chai'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateDir } from './state-dir.js'

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
