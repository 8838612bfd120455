import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateDir } from '../../state-dir.js'
import { watchStateDir } from './orphan-watch.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('watchStateDir (a daemon whose state dir is gone stops)', () => {
  let base: string
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'mesh-lab-orphan-'))
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  it('says nothing while the pid file names the daemon, and why once the dir is removed', async () => {
    const state = new StateDir(join(base, 'lab'))
    state.write('pid', '4242')
    const gone: string[] = []
    const stop = watchStateDir(state, 4242, (why) => gone.push(why), 10)
    try {
      await sleep(60)
      expect(gone).to.deep.equal([])
      rmSync(state.dir, { recursive: true, force: true })
      await sleep(60)
      expect(gone).to.deep.equal([`its state dir ${state.dir} is gone`])
    } finally {
      stop()
    }
  })

  it('stops when the pid file names another daemon (a new lab:up in the same dir)', async () => {
    const state = new StateDir(join(base, 'lab'))
    state.write('pid', '4242')
    const gone: string[] = []
    const stop = watchStateDir(state, 4242, (why) => gone.push(why), 10)
    try {
      state.write('pid', '5151')
      await sleep(60)
      expect(gone).to.deep.equal([`its state dir ${state.dir} names another daemon (pid 5151)`])
    } finally {
      stop()
    }
  })
})
