import { expect } from 'chai'
import type { PatchMeta } from './patch-meta.js'
import { normalizeOrder } from './smp-order.js'
import { applyStrategicMergePatch } from './strategic-merge-patch.js'
import type { Json } from '../../testing/api/patch-fixtures.js'

describe('normalizeOrder()', () => {
  it('interleaves server-only items by the live order', () => {
    const out = normalizeOrder(['c', 'b'], ['a', 'd'], ['c', 'b'], ['a', 'b', 'd'], '', 'string')
    expect(out).to.deep.equal(['c', 'a', 'b', 'd'])
  })

  it('sorts maps by merge key', () => {
    const out = normalizeOrder([{ n: 2 }, { n: 1 }], [], [{ n: 1 }, { n: 2 }], [], 'n', 'map')
    expect(out).to.deep.equal([{ n: 1 }, { n: 2 }])
  })
})

describe('strategic merge patch list order (upstream test cases)', () => {
  const meta: PatchMeta = {
    fields: {
      mergingList: { patchStrategy: 'merge', patchMergeKey: 'name' },
      mergingIntList: { patchStrategy: 'merge' },
    },
  }
  const cases: { name: string; original: Json; patch: Json; expected: Json }[] = [
    {
      name: 'preserve the order from the patch in a merging list',
      original: { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] },
      patch: {
        mergingList: [
          { name: 3, value: 'c' },
          { name: 1, value: 'a' },
        ],
      },
      expected: {
        mergingList: [
          { name: 2, value: 'b' },
          { name: 3, value: 'c' },
          { name: 1, value: 'a' },
        ],
      },
    },
    {
      name: 'preserve the order from the patch in a merging int list',
      original: { mergingIntList: [1, 2, 3] },
      patch: { mergingIntList: [3, 1] },
      expected: { mergingIntList: [2, 3, 1] },
    },
    {
      name: 'unique scalars when merging lists',
      original: { mergingIntList: [1, 2] },
      patch: { mergingIntList: [2, 3] },
      expected: { mergingIntList: [1, 2, 3] },
    },
    {
      name: '$setElementOrder names an item missing from the list',
      original: { mergingList: [{ name: 1 }, { name: 3 }] },
      patch: {
        '$setElementOrder/mergingList': [{ name: 3 }, { name: 2 }, { name: 1 }],
        mergingList: [
          { name: 3, value: 3 },
          { name: 1, value: 1 },
        ],
      },
      expected: {
        mergingList: [
          { name: 3, value: 3 },
          { name: 1, value: 1 },
        ],
      },
    },
    {
      name: 'delete all duplicate entries in a merging list',
      original: {
        mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }],
      },
      patch: {
        mergingList: [
          { name: 1, $patch: 'delete' },
          { name: 3, $patch: 'delete' },
        ],
      },
      expected: { mergingList: [{ name: 2, value: 'a' }] },
    },
  ]
  for (const c of cases) {
    it(c.name, () =>
      expect(applyStrategicMergePatch(c.original, c.patch, meta)).to.deep.equal(c.expected)
    )
  }
})
