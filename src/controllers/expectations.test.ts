import { expect } from 'chai'
import { fakeClock } from '../util/index.js'
import { EXPECTATIONS_TIMEOUT_MS, Expectations, observeExpectations } from './expectations.js'

const pod = (name: string, owner: string, deleting = false) => ({
  metadata: {
    name,
    namespace: 'ns',
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: owner,
        uid: `u-${owner}`,
        controller: true,
      },
    ],
    ...(deleting ? { deletionTimestamp: '2018-11-24T00:00:00Z' } : {}),
  },
})

describe('Expectations', () => {
  it('are satisfied once every expected creation was seen (negative: not before)', () => {
    const e = new Expectations(fakeClock())
    const h = observeExpectations(e, 'ReplicaSet')
    expect(e.satisfied('ns/rs')).to.equal(true)
    e.expectCreations('ns/rs', 2)
    h.add!(pod('a', 'rs'))
    expect(e.satisfied('ns/rs')).to.equal(false)
    h.add!(pod('b', 'other'))
    expect(e.satisfied('ns/rs')).to.equal(false)
    h.add!(pod('c', 'rs'))
    expect(e.satisfied('ns/rs')).to.equal(true)
  })

  it('count a pod seen with a deletionTimestamp as deleted (negative: another pod does not count)', () => {
    const e = new Expectations(fakeClock())
    const h = observeExpectations(e, 'ReplicaSet')
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b'])
    h.update!(pod('a', 'rs'), pod('a', 'rs', true))
    h.delete!(pod('x', 'rs'))
    expect(e.satisfied('ns/rs')).to.equal(false)
    h.delete!(pod('b', 'rs'))
    expect(e.satisfied('ns/rs')).to.equal(true)
  })

  it('are given up on after ExpectationsTimeout (negative: not a moment before)', () => {
    const clock = fakeClock()
    const e = new Expectations(clock)
    e.expectCreations('ns/rs', 1)
    clock.advance(EXPECTATIONS_TIMEOUT_MS)
    expect(e.satisfied('ns/rs')).to.equal(false)
    clock.advance(1)
    expect(e.satisfied('ns/rs')).to.equal(true)
  })
})
