import { expect } from 'chai'
import { continuationSeed } from './restore-lab.js'

describe('continuationSeed()', () => {
  it('is an integer seed of its own, the same for the same snapshot', () => {
    const s = continuationSeed(42, 341)
    expect(Number.isInteger(s) && s >= 0).to.equal(true)
    expect(continuationSeed(-7, 5)).to.be.at.least(0)
    expect(s).to.not.equal(42)
    expect(continuationSeed(42, 341)).to.equal(s)
    expect(continuationSeed(42, 342)).to.not.equal(s)
    expect(continuationSeed(43, 341)).to.not.equal(s)
  })
})
