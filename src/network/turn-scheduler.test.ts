import { expect } from 'chai'
import { TurnScheduler } from './turn-scheduler.js'

/** Resolves after the current check phase (an immediate queued now runs after those queued before). */
const afterThisTurn = () => new Promise<void>((r) => setImmediate(r))

/** Busy-waits `ms` of wall time (a task that costs CPU, as a request's handling does). */
function spin(ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // burning CPU on purpose
  }
}

describe('TurnScheduler', () => {
  it('runs every task once, in order, never synchronously', async () => {
    const s = new TurnScheduler({ budgetMs: 5, maxPerTurn: 4 })
    const ran: number[] = []
    for (let i = 0; i < 10; i++) s.run(() => ran.push(i))
    expect(ran).to.deep.equal([])
    for (let t = 0; t < 10 && ran.length < 10; t++) await afterThisTurn()
    expect(ran).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(s.waiting).to.equal(0)
  })

  it('runs one task per turn with a budget of 0, all of them with a large budget', async () => {
    const zero = new TurnScheduler({ budgetMs: 0, maxPerTurn: 16 })
    const large = new TurnScheduler({ budgetMs: 10_000, maxPerTurn: 16 })
    const ran = { zero: 0, large: 0 }
    for (let i = 0; i < 5; i++) {
      zero.run(() => ran.zero++)
      large.run(() => ran.large++)
    }
    await afterThisTurn()
    expect(ran).to.deep.equal({ zero: 1, large: 5 })
    await afterThisTurn()
    expect(ran.zero).to.equal(2)
  })

  it('lets a timer of the same process run between slices of queued work', async () => {
    // 40 tasks of 2 ms each: without a budget the timer would wait for all of them (80 ms).
    const run = async (budgetMs: number, maxPerTurn: number) => {
      const s = new TurnScheduler({ budgetMs, maxPerTurn })
      let done = 0
      // The timer is set by the first task, so it can fire only after that task's turn (set
      // before the queue, it fires before the first slice on a loaded machine, seeing 0).
      const seenByTimer = new Promise<number>((r) =>
        s.run(() => (setTimeout(() => r(done), 0), spin(2), done++))
      )
      for (let i = 1; i < 40; i++) s.run(() => (spin(2), done++))
      await seenByTimer
      while (s.waiting > 0) await afterThisTurn()
      return seenByTimer
    }
    expect(await run(1, 16)).to.be.below(4)
    expect(await run(10_000, 64)).to.equal(40)
  })

  it('goes on with the queue when a task throws, and reports the error', async () => {
    const errors: unknown[] = []
    const s = new TurnScheduler({ budgetMs: 0, maxPerTurn: 1 }, (err) => errors.push(err))
    const ran: string[] = []
    s.run(() => {
      throw new Error('boom')
    })
    s.run(() => ran.push('after'))
    for (let t = 0; t < 5 && ran.length === 0; t++) await afterThisTurn()
    expect(ran).to.deep.equal(['after'])
    expect(String(errors[0])).to.match(/boom/)
  })

  it('rejects a budget that cannot run anything', () => {
    expect(() => new TurnScheduler({ budgetMs: -1, maxPerTurn: 1 })).to.throw(
      /budgetMs must be ≥ 0/
    )
    expect(() => new TurnScheduler({ budgetMs: 1, maxPerTurn: 0 })).to.throw(/maxPerTurn ≥ 1/)
  })
})
