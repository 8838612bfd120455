import { expect } from 'chai'
import {
  equalIgnoreHash,
  findActiveOrLatest,
  maxUnavailable,
  newRSNewReplicas,
  proportion,
  resolveFenceposts,
  scaledValue,
} from './deployment-util.js'
import type { Workload } from './workload-types.js'

function d(
  replicas: number,
  maxSurge?: number | string,
  maxUnavail?: number | string,
  type = 'RollingUpdate'
): Workload {
  return {
    metadata: { name: 'd' },
    spec: { replicas, strategy: { type, rollingUpdate: { maxSurge, maxUnavailable: maxUnavail } } },
  }
}
function rs(
  name: string,
  replicas: number,
  created = '2018-01-01T00:00:00Z',
  annotations: Record<string, string> = {}
): Workload {
  return { metadata: { name, creationTimestamp: created, annotations }, spec: { replicas } }
}

describe('deployment util', () => {
  it('scales int-or-percent values, rounding surge up and unavailability down', () => {
    expect(scaledValue('25%', 10, true)).to.equal(3)
    expect(scaledValue('25%', 10, false)).to.equal(2)
    expect(scaledValue(2, 10, true)).to.equal(2)
    expect(resolveFenceposts(d(3, '25%', '25%'))).to.deep.equal({ surge: 1, unavailable: 0 })
    // Both zero would block the rollout: one pod may be unavailable.
    expect(resolveFenceposts(d(3, 0, 0))).to.deep.equal({ surge: 0, unavailable: 1 })
    expect(maxUnavailable(d(3, 0, 5))).to.equal(3)
    expect(maxUnavailable(d(3, 1, 1, 'Recreate'))).to.equal(0)
  })

  it('grows the new ReplicaSet up to replicas + maxSurge in total', () => {
    const newRS = rs('new', 0)
    expect(newRSNewReplicas(d(4, 1, 1), [rs('old', 4), newRS], newRS)).to.equal(1)
    expect(newRSNewReplicas(d(4, 1, 1), [rs('old', 5), newRS], newRS)).to.equal(0)
    expect(newRSNewReplicas(d(4, 2, 1, 'Recreate'), [rs('old', 4), newRS], newRS)).to.equal(4)
  })

  it('ignores only the pod-template-hash label when comparing templates', () => {
    const t = (labels: Record<string, string>, image = 'a') => ({
      metadata: { labels },
      spec: { containers: [{ name: 'c', image }] },
    })
    expect(equalIgnoreHash(t({ app: 'x', 'pod-template-hash': '123' }), t({ app: 'x' }))).to.equal(
      true
    )
    expect(equalIgnoreHash(t({ app: 'x' }), t({ app: 'y' }))).to.equal(false)
    expect(equalIgnoreHash(t({ app: 'x' }), t({ app: 'x' }, 'b'))).to.equal(false)
  })

  it('picks the only active ReplicaSet, or the newest when none is active', () => {
    const a = rs('a', 0, '2018-01-01T00:00:00Z')
    const b = rs('b', 0, '2018-01-02T00:00:00Z')
    expect(findActiveOrLatest(undefined, [a, b])).to.equal(b)
    expect(findActiveOrLatest(undefined, [a, rs('c', 2)])?.metadata.name).to.equal('c')
    expect(findActiveOrLatest(rs('n', 1), [rs('c', 2)])).to.equal(undefined)
  })

  it('splits added replicas in proportion to the ReplicaSets sizes', () => {
    // 10 → 15 replicas with maxSurge 0: a ReplicaSet holding 6 of the annotated 10 gets 3 more.
    expect(
      proportion(
        rs('a', 6, undefined, { 'deployment.kubernetes.io/max-replicas': '10' }),
        d(15, 0, 1),
        10,
        5,
        0
      )
    ).to.equal(3)
    expect(proportion(rs('a', 0), d(15, 0, 1), 10, 5, 0)).to.equal(0)
  })
})
