import { expect } from 'chai'
import { fakeClock } from '../util/index.js'
import { Backoff, CONTAINER_BACKOFF } from './backoff.js'
import { PodIpAllocator } from './pod-ip-allocator.js'
import { goDuration } from './time-format.js'

describe('PodIpAllocator', () => {
  it('hands out .2 upward, the same IP per owner, and reuses released ones', () => {
    const ips = new PodIpAllocator('192.168.1.0/24')
    expect([ips.allocate('a'), ips.allocate('b'), ips.allocate('a')]).to.deep.equal([
      '192.168.1.2',
      '192.168.1.3',
      '192.168.1.2',
    ])
    ips.release('a')
    expect(ips.allocate('c')).to.equal('192.168.1.2')
    expect(ips.reserve('d', '192.168.1.3')).to.equal(false)
    expect(ips.reserve('d', '10.0.0.9')).to.equal(false)
    expect(ips.reserve('d', '192.168.1.40')).to.equal(true)
  })

  it('says so when the CIDR is full or not a CIDR', () => {
    const ips = new PodIpAllocator('10.0.0.0/30')
    ips.allocate('a')
    expect(() => ips.allocate('b')).to.throw('failed to allocate an IP for b: the pod CIDR is full')
    expect(() => new PodIpAllocator('fd00::/64')).to.throw(
      'failed to parse pod CIDR "fd00::/64": want an IPv4 CIDR'
    )
  })
})

describe('Backoff', () => {
  it('doubles from 10 s to at most 5 min and forgets an entry idle for twice that', () => {
    const clock = fakeClock()
    const b = new Backoff(clock, CONTAINER_BACKOFF)
    const seen = Array.from({ length: 7 }, () => b.next('k'))
    expect(seen.map(goDuration)).to.deep.equal([
      '10s',
      '20s',
      '40s',
      '1m20s',
      '2m40s',
      '5m0s',
      '5m0s',
    ])
    expect(b.inBackoffSince('k', clock.now().getTime())).to.equal(true)
    clock.advance(600_001)
    expect(b.current('k')).to.equal(0)
    expect(b.next('k')).to.equal(10_000)
  })
})
