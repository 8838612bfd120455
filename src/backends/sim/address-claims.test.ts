import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { AddressClaims } from './address-claims.js'

describe('AddressClaims', () => {
  let dir: string
  const live = new Set<string>()
  const claims = () => new AddressClaims({ dir, isLive: (d) => live.has(d) })
  const nodes = ['127.0.10.104', '127.0.10.105', '127.0.10.106']

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'claims-'))
    live.clear()
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the profile addresses when nobody holds them', () => {
    expect(claims().freeOffset(nodes, '/labs/a')).to.equal(0)
  })

  it('moves a second lab to the next /24 while the first one runs', () => {
    claims().claim(nodes, '/labs/a')
    live.add('/labs/a')
    expect(claims().holder('127.0.10.105', '/labs/b')).to.equal('/labs/a')
    expect(claims().freeOffset(nodes, '/labs/b')).to.equal(256)
    claims().claim(['127.0.11.104', '127.0.11.105', '127.0.11.106'], '/labs/b')
    live.add('/labs/b')
    expect(claims().freeOffset(nodes, '/labs/c')).to.equal(512)
  })

  it('takes over the claims of a lab that is down, and its own claims are no obstacle', () => {
    claims().claim(nodes, '/labs/a')
    expect(claims().freeOffset(nodes, '/labs/b')).to.equal(0)
    live.add('/labs/a')
    expect(claims().freeOffset(nodes, '/labs/a')).to.equal(0)
  })

  it('fails with the claims folder named when no loopback block is left', () => {
    const high = ['127.255.255.1']
    claims().claim(high, '/labs/a')
    live.add('/labs/a')
    expect(() => claims().freeOffset(high, '/labs/b')).to.throw(
      /failed to find free node addresses: 127\.255\.255\.1/
    )
  })
})
