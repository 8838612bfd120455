import { expect } from 'chai'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { childrenCpuSeconds, listensOn, watchMachine } from './nodeport-machine.js'

describe('watchMachine()', () => {
  it("reports the machine's busy cores and the CPU of a process's children", async function () {
    this.timeout(10_000)
    const end = await watchMachine(process.pid)
    // A child that spins for 300 ms of CPU: the children's CPU and the busy cores see it.
    const child = spawn(process.execPath, [
      '-e',
      'const t = Date.now(); while (Date.now() - t < 300);',
    ])
    const before = await childrenCpuSeconds(process.pid)
    await new Promise((r) => setTimeout(r, 250))
    const during = await childrenCpuSeconds(process.pid)
    await new Promise((r) => child.once('exit', r))
    const m = await end()
    expect(during).to.be.above(before)
    expect(m.busyCores).to.be.above(0)
    expect(m.load1).to.be.at.least(0)
  })

  it('reports 0 for a process without children or one that is gone', async () => {
    expect(await childrenCpuSeconds(2 ** 22 + 7)).to.equal(0)
    const end = await watchMachine(2 ** 22 + 7)
    expect((await end()).labChildrenCpu).to.equal(0)
  })
})

describe('listensOn()', () => {
  it('tells whether a process holds the listening socket of an address', async () => {
    const s = createServer()
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    const at = `127.0.0.1:${String((s.address() as AddressInfo).port)}`
    try {
      expect(await listensOn(process.pid, at)).to.equal(true)
      // Another process (this one's parent) does not hold it; nothing listens on port 1.
      expect(await listensOn(process.ppid, at)).to.equal(false)
      expect(await listensOn(process.pid, '127.0.0.1:1')).to.equal(false)
    } finally {
      s.close()
    }
  })
})
