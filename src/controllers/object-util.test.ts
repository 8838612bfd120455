import { expect } from 'chai'
import { mulberry32 } from '../testing/apiserver/index.js'
import { canonicalJson, jsonEqual } from './object-util.js'

/** A random JSON-ish value: what statuses hold, with undefined values and reordered keys. */
function value(rand: () => number, depth: number): unknown {
  const r = rand()
  if (depth <= 0 || r < 0.4) {
    const leaves = [0, 1, -1, NaN, '', 'a', 'b', true, false, null, undefined]
    return leaves[Math.floor(rand() * leaves.length)]
  }
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 3) }, () => value(rand, depth - 1))
  const keys = ['x', 'y', 'z'].filter(() => rand() < 0.6)
  if (rand() < 0.5) keys.reverse()
  return Object.fromEntries(keys.map((k) => [k, value(rand, depth - 1)]))
}

describe('jsonEqual()', () => {
  it('ignores key order and keys whose value is undefined, as their JSON does', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).to.equal(true)
    expect(jsonEqual({ a: 1, gone: undefined }, { a: 1 })).to.equal(true)
    expect(jsonEqual([undefined, NaN], [null, null])).to.equal(true)
  })

  it('tells apart values whose JSON differs', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).to.equal(false)
    expect(jsonEqual({ a: null }, {})).to.equal(false)
    expect(jsonEqual([1, 2], [2, 1])).to.equal(false)
    expect(jsonEqual([], {})).to.equal(false)
    expect(jsonEqual(undefined, null)).to.equal(false)
    expect(jsonEqual({ a: { b: 1 } }, { a: { b: 1, c: 0 } })).to.equal(false)
    expect(jsonEqual('1', 1)).to.equal(false)
  })

  it('agrees with comparing canonical JSON on random values', () => {
    const rand = mulberry32(17)
    let equal = 0
    for (let i = 0; i < 3000; i++) {
      const a = value(rand, 3)
      // Half the pairs are a value and its reordered copy, so that equal pairs are common too.
      const b = rand() < 0.5 ? value(rand, 3) : JSON.parse(canonicalJson(a) ?? 'null')
      const want = canonicalJson(a) === canonicalJson(b)
      if (want) equal++
      expect(jsonEqual(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).to.equal(want)
    }
    expect(equal).to.be.greaterThan(500)
  })
})
