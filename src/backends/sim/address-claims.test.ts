import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { AddressClaims, CLAIM_START_MS } from './address-claims.js'

describe('AddressClaims', () => {
  let dir: string
  const live = new Set<string>()
  const claimers = new Set<number>()
  const claims = () =>
    new AddressClaims({ dir, isLive: (d) => live.has(d), claimerLive: (p) => claimers.has(p) })
  const nodes = ['127.0.10.104', '127.0.10.105', '127.0.10.106']

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'claims-'))
    live.clear()
    claimers.clear()
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

  describe('a lab still starting (its lab:up runs, its daemon not yet)', () => {
    let labA: string
    beforeEach(() => {
      labA = join(dir, 'lab-a')
      mkdirSync(labA)
    })

    it('keeps its claims while the claiming process runs, so a second lab moves', () => {
      claims().claim(nodes, labA)
      claimers.add(process.pid)
      expect(claims().freeOffset(nodes, '/labs/b')).to.equal(256)
    })

    it('negative: loses them once that process is gone, or the lab was taken down', () => {
      claims().claim(nodes, labA)
      expect(claims().freeOffset(nodes, '/labs/b')).to.equal(0)
      claimers.add(process.pid)
      rmSync(labA, { recursive: true })
      expect(claims().freeOffset(nodes, '/labs/b')).to.equal(0)
    })

    it(`negative: loses them after ${CLAIM_START_MS / 1000} s without a daemon`, () => {
      claims().claim(nodes, labA)
      claimers.add(process.pid)
      const old = (Date.now() - CLAIM_START_MS - 1000) / 1000
      for (const a of nodes) utimesSync(join(dir, a), old, old)
      expect(claims().freeOffset(nodes, '/labs/b')).to.equal(0)
    })

    it('reads a claim written before claims named their process as one of a lab without it', () => {
      writeFileSync(join(dir, nodes[0]!), `${labA}\n`)
      claimers.add(process.pid)
      expect(claims().holder(nodes[0]!, '/labs/b')).to.equal(undefined)
      live.add(labA)
      expect(claims().holder(nodes[0]!, '/labs/b')).to.equal(labA)
    })
  })

  describe('locked()', () => {
    it('runs the choice under a lock another claimer has to wait for, and releases it', () => {
      const c = claims()
      const seen = c.locked(() => {
        expect(() => mkdirSync(join(dir, '.lock'))).to.throw(/EEXIST/)
        return 'inside'
      })
      expect(seen).to.equal('inside')
      expect(() => mkdirSync(join(dir, '.lock'))).not.to.throw()
    })

    it('takes over a lock left behind by a killed process', () => {
      mkdirSync(join(dir, '.lock'))
      const old = (Date.now() - 60_000) / 1000
      utimesSync(join(dir, '.lock'), old, old)
      expect(claims().locked(() => 1)).to.equal(1)
    })

    it('negative: releases the lock when the choice throws', () => {
      expect(() =>
        claims().locked(() => {
          throw new Error('no block left')
        })
      ).to.throw(/no block left/)
      expect(() => mkdirSync(join(dir, '.lock'))).not.to.throw()
    })
  })
})
