import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { scaledClock } from '../util/index.js'
import { evictionDelayMs, UNREACHABLE_TAINT } from './taint-eviction.js'

const node = (timeAdded: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n' },
  spec: { taints: [{ ...UNREACHABLE_TAINT, timeAdded }] },
})
const pod = (tolerationSeconds?: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: {
    tolerations: [
      {
        key: UNREACHABLE_TAINT.key,
        operator: 'Exists',
        effect: 'NoExecute',
        ...(tolerationSeconds !== undefined ? { tolerationSeconds } : {}),
      },
    ],
  },
})

describe('evictionDelayMs()', () => {
  // 1.2 real seconds after a wall-clock taint at time factor 0.01: ≥ 20 simulated seconds.
  const clock = scaledClock(0.01, () => Date.parse('2026-03-01T12:00:01.200Z'))
  const tainted = node('2026-03-01T12:00:00Z')

  it('counts tolerationSeconds in simulated time from the wall-clock timeAdded', () => {
    expect(evictionDelayMs(pod(300), tainted, clock)).to.be.closeTo(300_000 - 20_100, 1)
    expect(evictionDelayMs(pod(10), tainted, clock)).to.equal(0)
  })

  it('negative: no eviction without tolerationSeconds, at once without a toleration', () => {
    expect(evictionDelayMs(pod(), tainted, clock)).to.equal(undefined)
    const bare: KubeObject = { ...pod(), spec: {} }
    expect(evictionDelayMs(bare, tainted, clock)).to.equal(0)
  })
})
