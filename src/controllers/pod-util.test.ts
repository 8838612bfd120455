import { expect } from 'chai'
import { scaledClock } from '../util/index.js'
import { isPodAvailable, msUntilAvailable } from './pod-util.js'
import type { Pod } from './workload-types.js'

const readySince = (t: string): Pod =>
  ({
    metadata: { name: 'p' },
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] },
  }) as Pod

describe('pod availability on a scaled clock', () => {
  // 2.5 real seconds after a wall-clock Ready transition, at time factor 0.01 (≥ 150 simulated s).
  const wall = Date.parse('2026-03-01T12:00:02.500Z')
  const clock = scaledClock(0.01, () => wall)
  const pod = readySince('2026-03-01T12:00:00Z')

  it('counts minReadySeconds in simulated time from the wall-clock transition', () => {
    expect(isPodAvailable(pod, 120, clock)).to.equal(true)
    expect(msUntilAvailable(pod, 120, clock)).to.equal(undefined)
  })

  it('negative: a longer minReadySeconds is not over yet, and says how long is left', () => {
    expect(isPodAvailable(pod, 600, clock)).to.equal(false)
    const left = msUntilAvailable(pod, 600, clock)!
    // 600 s minus 150.1 s: measured from the end of the written second, so never early.
    expect(left).to.be.closeTo(449_900, 1)
  })

  it('negative: in real time (factor 1) the same 2.5 s are not 120 s', () => {
    expect(
      isPodAvailable(
        pod,
        120,
        scaledClock(1, () => wall)
      )
    ).to.equal(false)
    expect(
      isPodAvailable(
        pod,
        2,
        scaledClock(1, () => wall)
      )
    ).to.equal(true)
  })
})
