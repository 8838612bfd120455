import { expect } from 'chai'
import { NetError } from './types.js'
import { withTimeout } from './with-timeout.js'

const never = () => new Promise<never>(() => undefined)
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('withTimeout', () => {
  it('passes a value or an error through when it comes first', async () => {
    expect(await withTimeout(Promise.resolve(7), 1000, 'x')).to.equal(7)
    const err = await withTimeout(Promise.reject(new Error('boom')), 1000, 'x').catch((e) => e)
    expect((err as Error).message).to.equal('boom')
    expect(await withTimeout(Promise.resolve(1), undefined, 'x')).to.equal(1)
  })

  it('rejects with ETIMEDOUT each request whose deadline passed, not those that answered', async () => {
    const t0 = performance.now()
    let answer!: (v: string) => void
    const answered = withTimeout(new Promise<string>((r) => (answer = r)), 40, 'request to a')
    const late = withTimeout(never(), 40, 'request to b')
    const later = withTimeout(never(), 60, 'request to c')
    answer('ok')
    expect(await answered).to.equal('ok')
    const e1 = (await late.catch((e) => e)) as NetError
    expect(e1).to.be.instanceOf(NetError)
    expect(e1.code).to.equal('ETIMEDOUT')
    expect(e1.message).to.equal('request to b timed out after 40 ms')
    expect(performance.now() - t0).to.be.at.least(39)
    const e2 = (await later.catch((e) => e)) as NetError
    expect(e2.message).to.equal('request to c timed out after 60 ms')
    expect(performance.now() - t0).to.be.at.least(59)
  })

  it('shares one timer among requests with the same timeout and drops it once all answered', async () => {
    // Counted once the test runner has armed its own timeout for this test.
    await new Promise((r) => setImmediate(r))
    const base = timers()
    const answers: ((v: number) => void)[] = []
    const ps = Array.from({ length: 50 }, () =>
      withTimeout(new Promise<number>((r) => answers.push(r)), 5000, 'x')
    )
    expect(timers() - base).to.equal(1)
    answers.forEach((a, i) => a(i))
    expect(await Promise.all(ps)).to.have.length(50)
    await new Promise((r) => setImmediate(r))
    // No timer is left to keep the process alive for the requests that already answered.
    expect(timers() - base).to.equal(0)
  })

  it('a request after all others answered keeps the process alive and times out on its own deadline', async () => {
    await new Promise((r) => setImmediate(r))
    const base = timers()
    expect(await withTimeout(Promise.resolve(1), 80, 'first')).to.equal(1)
    expect(timers() - base).to.equal(0)
    await new Promise((r) => setTimeout(r, 40))
    const t0 = performance.now()
    const p = withTimeout(never(), 80, 'second')
    // The first request's timer, still armed, holds the process again while this one waits.
    expect(timers() - base).to.equal(1)
    const err = (await p.catch((e: unknown) => e)) as NetError
    expect(err.message).to.equal('second timed out after 80 ms')
    // Not at the first request's deadline, 40 ms in: at its own.
    expect(performance.now() - t0).to.be.at.least(79)
  })
})
