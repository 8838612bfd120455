import { expect } from 'chai'
import { slowStartBatch } from './pod-control.js'

function busy(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    /* a call that holds the loop, as an in-process API call does */
  }
}

describe('slowStartBatch()', () => {
  it('makes every call in batches of 1, 2, 4, … and stops after the first batch with a failure', async () => {
    const calls: number[] = []
    const r = await slowStartBatch(100, (i) => {
      calls.push(i)
      return i === 10 ? Promise.reject(new Error('refused')) : Promise.resolve()
    })
    // Batches 1 + 2 + 4 + 8 hold calls 0..14; call 10 fails, so the batch of 8 (7..14) is the last.
    expect(calls).to.deep.equal(Array.from({ length: 15 }, (_, i) => i))
    expect(r.successes).to.equal(14)
    expect((r.error as Error).message).to.equal('refused')
  })

  it('lets the event loop take turns within a big batch', async () => {
    let callsWhenLoopRan = -1
    let calls = 0
    setImmediate(() => (callsWhenLoopRan = calls))
    const r = await slowStartBatch(255, () => {
      calls++
      busy(0.2)
      return Promise.resolve()
    })
    expect(r.successes).to.equal(255)
    expect(callsWhenLoopRan).to.be.greaterThan(0)
    expect(callsWhenLoopRan).to.be.lessThan(255)
  })
})
