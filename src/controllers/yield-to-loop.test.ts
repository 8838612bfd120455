import { expect } from 'chai'
import { YIELD_BUDGET_MS, yieldToLoop } from './yield-to-loop.js'

/** Holds the thread for `ms` real milliseconds (a component's synchronous work). */
function busy(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    /* spin */
  }
}

describe('yieldToLoop()', () => {
  it('lets a timer run first once the components held the loop past the budget', async () => {
    await yieldToLoop()
    let fired = false
    setImmediate(() => (fired = true))
    busy(2 * YIELD_BUDGET_MS)
    await yieldToLoop()
    expect(fired).to.equal(true)
  })

  it('lets the loop in while a thousand callers wait, and releases them in order', async () => {
    busy(2 * YIELD_BUDGET_MS)
    const order: number[] = []
    const chains = Array.from({ length: 1000 }, async (_, i) => {
      await yieldToLoop()
      busy(0.05)
      order.push(i)
    })
    // Queued after every caller: Node would run it only after all of them if each caller had
    // an immediate of its own (they all run in one check phase).
    let doneWhenLoopRan = -1
    setImmediate(() => (doneWhenLoopRan = order.length))
    await Promise.all(chains)
    expect(doneWhenLoopRan).to.be.within(0, 999)
    expect(order).to.deep.equal([...order].sort((a, b) => a - b))
    expect(order).to.have.length(1000)
  })
})
