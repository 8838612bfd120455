import { expect } from 'chai'
import { fakeClock } from '../util/index.js'
import { WorkQueue } from './work-queue.js'

describe('WorkQueue', () => {
  it('queues a key once and hands it to one worker at a time', async () => {
    const q = new WorkQueue(fakeClock())
    q.add('a')
    q.add('a')
    q.add('b')
    expect(q.length).to.equal(2)
    const k = await q.get()
    expect(k).to.equal('a')
    q.add('a') // while processing: not queued twice, not handed out
    expect(await q.get()).to.equal('b')
    expect(q.length).to.equal(0)
    q.done('a')
    expect(q.length).to.equal(1)
    expect(await q.get()).to.equal('a')
  })

  it('retries with an exponential back-off until forgotten', () => {
    const clock = fakeClock()
    const q = new WorkQueue(clock, { baseDelayMs: 10, maxDelayMs: 25 })
    q.addRateLimited('k')
    clock.advance(9)
    expect(q.length).to.equal(0)
    clock.advance(1)
    expect(q.length).to.equal(1)
    void q.get().then((k) => q.done(k!))
    q.addRateLimited('x')
    q.addRateLimited('x')
    expect(q.numRequeues('x')).to.equal(2)
    q.forget('x')
    expect(q.numRequeues('x')).to.equal(0)
  })

  it('keeps the earliest of two delayed adds (negative: the later one does not fire twice)', async () => {
    const clock = fakeClock()
    const q = new WorkQueue(clock)
    q.addAfter('k', 100)
    q.addAfter('k', 50)
    q.addAfter('k', 200)
    clock.advance(50)
    expect(q.length).to.equal(1)
    const k = await q.get()
    q.done(k!)
    clock.advance(500)
    expect(q.length).to.equal(0)
  })

  it('wakes waiting workers with undefined on shutDown', async () => {
    const q = new WorkQueue(fakeClock())
    const waiting = q.get()
    q.shutDown()
    expect(await waiting).to.equal(undefined)
    q.add('late')
    expect(q.length).to.equal(0)
  })
})

describe('WorkQueue.coolDown', () => {
  it('holds a cooling key back until its cool-down ends (negative: other keys are queued at once)', async () => {
    const clock = fakeClock()
    const q = new WorkQueue(clock)
    q.coolDown('big', 30)
    q.add('big')
    q.add('small')
    expect(q.length).to.equal(1)
    expect(await q.get()).to.equal('small')
    await new Promise((r) => setTimeout(r, 40))
    clock.advance(30)
    expect(q.length).to.equal(1)
    expect(await q.get()).to.equal('big')
  })
})
