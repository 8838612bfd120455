import { expect } from 'chai'
import { fakeClock, scaledClock } from '../util/index.js'
import {
  heartbeatPeriodMs,
  MIN_REAL_HEARTBEAT_MS,
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
