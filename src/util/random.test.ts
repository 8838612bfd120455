import { expect } from 'chai'
import { labRandom, nameSuffix, randomUuid, seededRandom, systemRandom } from './random.js'

const draws = (r: { float(): number }, n = 8) => Array.from({ length: n }, () => r.float())

describe('seededRandom()', () => {
  it('repeats its draws for one seed (negative: another seed draws differently)', () => {
    expect(draws(seededRandom(42))).to.deep.equal(draws(seededRandom(42)))
    expect(draws(seededRandom(42))).to.not.deep.equal(draws(seededRandom(43)))
    for (const x of draws(seededRandom(7), 1000)) expect(x).to.be.within(0, 1 - 1e-12)
  })

  it('gives each named stream its own sequence, unaffected by draws from other streams', () => {
    const a = seededRandom(1)
    const b = seededRandom(1)
    draws(b.stream('other'), 50)
    expect(draws(a.stream('uid'))).to.deep.equal(draws(b.stream('uid')))
    expect(a.stream('uid')).to.equal(a.stream('uid'))
    expect(draws(seededRandom(1).stream('x'))).to.not.deep.equal(draws(seededRandom(1).stream('y')))
  })

  it('keys draws by object: the k-th draw for a key is the same whatever the order of keys', () => {
    const a = seededRandom(5)
    const b = seededRandom(5)
    const a1 = a.forKey('pods/ns/web').int(1e9)
    a.forKey('pods/ns/db').int(1e9)
    const a2 = a.forKey('pods/ns/web').int(1e9)
    b.forKey('pods/ns/db').int(1e9)
    expect([b.forKey('pods/ns/web').int(1e9), b.forKey('pods/ns/web').int(1e9)]).to.deep.equal([
      a1,
      a2,
    ])
    expect(a1).to.not.equal(a2)
  })

  it('draws bytes, integers in range, UUIDs and Kubernetes name suffixes', () => {
    const r = seededRandom(9)
    expect(r.bytes(7)).to.have.length(7)
    for (let i = 0; i < 200; i++) expect(r.int(3)).to.be.oneOf([0, 1, 2])
    expect(randomUuid(r)).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
    expect(nameSuffix(r, 5)).to.match(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })

  it('refuses a seed that is not an integer', () => {
    expect(() => seededRandom(1.5)).to.throw('invalid seed 1.5: want an integer')
  })
})

describe('labRandom()', () => {
  it('is crypto randomness without a seed: two sources differ (negative: with a seed they agree)', () => {
    expect(labRandom().seed).to.equal(undefined)
    expect(systemRandom().bytes(16)).to.not.deep.equal(systemRandom().bytes(16))
    expect(draws(labRandom())).to.not.deep.equal(draws(labRandom()))
    expect(draws(labRandom(3))).to.deep.equal(draws(labRandom(3)))
  })
})
