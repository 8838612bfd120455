import { expect } from 'chai'
import { fakeClock, scaledClock } from './clock.js'

describe('scaledClock()', () => {
  it('stamps with the wall clock at any time factor (negative: simMs runs 100× faster)', () => {
    let wall = Date.parse('2026-01-01T10:00:00.250Z')
    const clock = scaledClock(0.01, () => wall)
    const sim0 = clock.simMs()
    wall += 2_000
    expect(clock.now().toISOString()).to.equal('2026-01-01T10:00:02.250Z')
    expect(clock.simMs() - sim0).to.equal(200_000)
    expect(clock.now().getTime() - Date.parse('2026-01-01T10:00:00.250Z')).to.not.equal(200_000)
  })

  it('measures a wall-clock timestamp in simulated ms', () => {
    const wall = Date.parse('2026-01-01T10:00:05.500Z')
    const clock = scaledClock(0.01, () => wall)
    expect(clock.elapsed(new Date('2026-01-01T10:00:05.100Z'))).to.be.closeTo(40_000, 1e-6)
    expect(clock.elapsed(Date.parse('2026-01-01T10:00:05.250Z'))).to.be.closeTo(25_000, 1e-6)
    expect(Number.isNaN(clock.elapsed('not a time'))).to.equal(true)
  })

  it('reads a whole-second timestamp from the end of its second below factor 1, never early', () => {
    const wall = Date.parse('2026-01-01T10:00:05.500Z')
    // Written at some instant in 10:00:05; at most 0.5 real s = 50 simulated s have passed.
    expect(scaledClock(0.01, () => wall).elapsed('2026-01-01T10:00:05Z')).to.be.at.most(50_000)
    // Negative: at factor 1 the timestamp counts as written (as Kubernetes does).
    expect(scaledClock(1, () => wall).elapsed('2026-01-01T10:00:05Z')).to.equal(500)
  })

  it('runs `after` callbacks after the scaled delay', async () => {
    const clock = scaledClock(0.01)
    const t0 = performance.now()
    await new Promise<void>((r) => clock.after(2_000, r))
    expect(performance.now() - t0).to.be.within(15, 500)
  })
})

describe('fakeClock()', () => {
  it('keeps wall and simulated time one (time factor 1)', () => {
    const clock = fakeClock(new Date('2018-11-24T00:00:00Z'))
    clock.advance(1_500)
    expect(clock.now().toISOString()).to.equal('2018-11-24T00:00:01.500Z')
    expect(clock.simMs()).to.equal(clock.now().getTime())
    expect(clock.elapsed('2018-11-24T00:00:00Z')).to.equal(1_500)
  })
})

describe('scaledClock().sleep()', () => {
  it('leaves no abort listener behind once it has slept', async () => {
    const clock = scaledClock(0.001)
    const ac = new AbortController()
    let added = 0
    let removed = 0
    const add = ac.signal.addEventListener.bind(ac.signal)
    const remove = ac.signal.removeEventListener.bind(ac.signal)
    ac.signal.addEventListener = ((...a: Parameters<typeof add>) => (
      added++,
      add(...a)
    )) as typeof add
    ac.signal.removeEventListener = ((...a: Parameters<typeof remove>) => (
      removed++,
      remove(...a)
    )) as typeof remove
    for (let i = 0; i < 20; i++) await clock.sleep(1, ac.signal)
    expect([added, removed]).to.deep.equal([20, 20])
  })

  it('ends at once when the signal aborts', async () => {
    const ac = new AbortController()
    const t0 = Date.now()
    const done = scaledClock(1).sleep(60_000, ac.signal)
    ac.abort()
    await done
    expect(Date.now() - t0).to.be.lessThan(1000)
  })
})
