import { expect } from 'chai'
import { fakeClock, scaledClock } from '../util/index.js'
import {
  HEARTBEATS_PER_REAL_SECOND,
  heartbeatPeriodMs,
  MIN_REAL_HEARTBEAT_MS,
  minRealHeartbeatMs,
  NODE_STATUS_UPDATE_FREQUENCY_MS,
} from './kubelet.js'

describe('heartbeatPeriodMs()', () => {
  it('is the kubelet default of 10 s in real time (negative: not stretched at time factor 1)', () => {
    expect(heartbeatPeriodMs(fakeClock())).to.equal(NODE_STATUS_UPDATE_FREQUENCY_MS)
  })

  it('keeps at least MIN_REAL_HEARTBEAT_MS of wall-clock time between heartbeats at a small time factor', () => {
    const clock = scaledClock(0.01)
    expect(heartbeatPeriodMs(clock) * clock.timeFactor).to.equal(MIN_REAL_HEARTBEAT_MS)
  })

  it('takes an explicit frequency as it is', () => {
    expect(heartbeatPeriodMs(scaledClock(0.01), 500)).to.equal(500)
  })
})

describe('minRealHeartbeatMs()', () => {
  it('is MIN_REAL_HEARTBEAT_MS up to the lab-wide budget (negative: 1,000 nodes are not slowed)', () => {
    expect(minRealHeartbeatMs(1)).to.equal(MIN_REAL_HEARTBEAT_MS)
    expect(minRealHeartbeatMs(1000)).to.equal(MIN_REAL_HEARTBEAT_MS)
  })

  it('grows with the nodes past it, so a lab makes at most HEARTBEATS_PER_REAL_SECOND status writes/s', () => {
    expect(minRealHeartbeatMs(5000)).to.equal(12_500)
    expect(5000 / (minRealHeartbeatMs(5000) / 1000)).to.equal(HEARTBEATS_PER_REAL_SECOND)
    const clock = scaledClock(0.01)
    expect(heartbeatPeriodMs(clock, undefined, 5000) * clock.timeFactor).to.equal(12_500)
    expect(heartbeatPeriodMs(fakeClock(), undefined, 5000)).to.equal(12_500)
  })
})
