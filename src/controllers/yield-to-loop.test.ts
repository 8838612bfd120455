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

  it('lets a waiting caller go on only once the work of the one before has settled', async () => {
    busy(2 * YIELD_BUDGET_MS)
    const log: string[] = []
    // Each caller's unit of work is a chain of promises, as in-process API calls are.
    const chain = async (name: string) => {
      await yieldToLoop()
      for (let i = 0; i < 5; i++) {
        log.push(`${name}${i}`)
        await Promise.resolve()
      }
    }
    await Promise.all([chain('a'), chain('b')])
    expect(log).to.deep.equal(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4'])
  })

  it('lets the loop take a turn amid a burst of callers that asked within the budget', async () => {
    await new Promise((r) => setImmediate(r))
    const done: number[] = []
    let doneWhenLoopRan = -1
    setImmediate(() => (doneWhenLoopRan = done.length))
    // All ask at once, early in a turn; together their work is far beyond the budget.
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await yieldToLoop()
        busy(YIELD_BUDGET_MS / 10)
        done.push(i)
      })
    )
    expect(doneWhenLoopRan).to.be.within(1, 99)
    expect(done).to.deep.equal([...done].sort((a, b) => a - b))
  })
})
