import { expect } from 'chai'
import { computeHash, fnv32a, safeEncodeString } from './pod-template-hash.js'

describe('computeHash()', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.15' }] },
  }

  it('is FNV-32a', () => {
    // Published FNV-1a 32-bit test vectors.
    expect(fnv32a(new TextEncoder().encode(''))).to.equal(0x811c9dc5)
    expect(fnv32a(new TextEncoder().encode('a'))).to.equal(0xe40c292c)
    expect(fnv32a(new TextEncoder().encode('foobar'))).to.equal(0xbf9cf968)
  })

  it('safe-encodes digits as rand.SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).to.equal('456789bcdf')
  })

  it('is stable, independent of key order, and 6-10 safe characters', () => {
    const a = computeHash(template)
    const b = computeHash({
      spec: { containers: [{ image: 'nginx:1.15', name: 'c' }] },
      metadata: { labels: { app: 'web' } },
    })
    expect(a).to.equal(b)
    expect(a).to.match(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/)
  })

  it('changes with the template and with the collision count (negative)', () => {
    const a = computeHash(template)
    expect(
      computeHash({ ...template, spec: { containers: [{ name: 'c', image: 'nginx:1.16' }] } })
    ).to.not.equal(a)
    expect(computeHash(template, 1)).to.not.equal(a)
    expect(computeHash(template, 1)).to.not.equal(computeHash(template, 2))
  })
})
