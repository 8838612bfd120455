import { expect } from 'chai'
import { sameJson } from './same-json.js'

describe('sameJson()', () => {
  // Each pair: sameJson must say what comparing the JSON texts says.
  const shared = { a: [1, 2], b: { c: 'x' } }
  const pairs: [string, unknown, unknown][] = [
    ['equal objects', { a: 1, b: [true, null] }, { a: 1, b: [true, null] }],
    ['keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['a different value', { a: 1 }, { a: 2 }],
    ['a missing key', { a: 1, b: 2 }, { a: 1 }],
    ['an undefined value and no key', { a: 1, b: undefined }, { a: 1 }],
    ['an undefined value before a key', { b: undefined, a: 1 }, { a: 1 }],
    ['a function value and no key', { a: 1, f: () => 1 }, { a: 1 }],
    ['undefined in an array and null', [1, undefined], [1, null]],
    ['NaN and null', { a: NaN }, { a: null }],
    ['Infinity and NaN', [Infinity], [NaN]],
    ['-0 and 0', { a: -0 }, { a: 0 }],
    ['a string and a number', { a: '1' }, { a: 1 }],
    ['an empty object and an empty array', { a: {} }, { a: [] }],
    ['arrays of another length', [1, 2], [1, 2, 3]],
    ['dates with the same time', { t: new Date(0) }, { t: new Date(0) }],
    ['a date and its text', { t: new Date(0) }, { t: new Date(0).toJSON() }],
    ['dates with other times', { t: new Date(0) }, { t: new Date(1) }],
    ['shared members', { x: shared, y: 1 }, { x: shared, y: 1 }],
    ['shared members, another value', { x: shared, y: 1 }, { x: shared, y: 2 }],
    ['nested difference', { a: { b: { c: [1, { d: 2 }] } } }, { a: { b: { c: [1, { d: 3 }] } } }],
    ['nested keys in another order', { a: { b: 1, c: 2 } }, { a: { c: 2, b: 1 } }],
  ]
  for (const [what, a, b] of pairs) {
    it(`says what JSON.stringify says: ${what}`, () => {
      const want = JSON.stringify(a) === JSON.stringify(b)
      expect(sameJson(a, b)).to.equal(want)
      expect(sameJson(b, a)).to.equal(want)
    })
  }

  it('finds both outcomes among the cases (the table tests something)', () => {
    const outcomes = new Set(pairs.map(([, a, b]) => sameJson(a, b)))
    expect([...outcomes].sort()).to.deep.equal([false, true])
  })
})
