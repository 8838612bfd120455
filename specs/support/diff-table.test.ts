import { expect } from 'chai'
import {
  TableMismatchError,
  allOfAtLeastOne,
  anyValue,
  atMost,
  diffRows,
  diffTable,
  formatTableDiff,
  oneOf,
} from './diff-table.js'

const COLUMNS = ['NAME', 'READY', 'RESTARTS'] as const

describe('diffTable()', () => {
  it('passes when every expected row is there and nothing else', () => {
    expect(() =>
      diffTable(
        'pods',
        COLUMNS,
        [{ NAME: 'a', READY: '1/1', RESTARTS: atMost(1) }],
        [{ NAME: 'a', READY: '1/1', RESTARTS: '1' }],
        'NAME'
      )
    ).not.to.throw()
  })

  it('renders missing, differing and extra rows as a fixed-width table', () => {
    const expected = [
      { NAME: 'msb-consul', READY: '2/2', RESTARTS: atMost(3) },
      { NAME: 'vfc-catalog', READY: '2/2', RESTARTS: atMost(3) },
      { NAME: 'vfc-nslcm', READY: '2/2', RESTARTS: atMost(3) },
    ]
    const actual = [
      { NAME: 'vfc-catalog', READY: '3/3', RESTARTS: '5' },
      { NAME: 'vfc-nslcm', READY: '2/2', RESTARTS: '0' },
      { NAME: 'stray', READY: '1/1', RESTARTS: '0' },
    ]
    let err: unknown
    try {
      diffTable('pods in onap', COLUMNS, expected, actual, 'NAME')
    } catch (e) {
      err = e
    }
    expect(err).to.be.instanceOf(TableMismatchError)
    expect((err as Error).name).to.equal('AssertionError')
    expect((err as Error).message).to.equal(
      [
        'pods in onap: 1 missing, 1 extra, 1 differing; 1 of 3 expected rows match',
        '  ROW       NAME         READY  RESTARTS',
        '  missing   msb-consul   2/2    <=3',
        '  expected  vfc-catalog  2/2    <=3',
        '  actual    vfc-catalog  3/3 *  5 *',
        '  extra     stray        1/1    0',
        '  (* marks an actual cell that differs)',
      ].join('\n')
    )
    expect((err as TableMismatchError).diff.rows.map((r) => `${r.kind} ${r.key}`)).to.deep.equal([
      'missing msb-consul',
      'differs vfc-catalog',
      'extra stray',
    ])
  })

  it('reports a second actual row with the same key as extra', () => {
    const diff = diffRows(
      COLUMNS,
      [{ NAME: 'a', READY: '1/1' }],
      [
        { NAME: 'a', READY: '1/1' },
        { NAME: 'a', READY: '0/1' },
      ],
      'NAME'
    )
    expect(diff.rows).to.have.length(1)
    expect(diff.rows[0]).to.include({ kind: 'extra', key: 'a' })
    expect(diff.matched).to.equal(1)
  })

  it('ignores extra rows when asked to', () => {
    expect(() =>
      diffTable('t', COLUMNS, [], [{ NAME: 'x', READY: '1/1', RESTARTS: '0' }], 'NAME', {
        extra: 'ignore',
      })
    ).not.to.throw()
    expect(() =>
      diffTable('t', COLUMNS, [], [{ NAME: 'x', READY: '1/1', RESTARTS: '0' }], 'NAME')
    ).to.throw(/extra +x/)
  })

  it('pairs rows by a composite key', () => {
    const diff = diffRows(
      ['NS', 'NAME', 'V'],
      [{ NS: 'a', NAME: 'x', V: '1' }],
      [{ NS: 'b', NAME: 'x', V: '1' }],
      ['NS', 'NAME']
    )
    expect(diff.rows.map((r) => `${r.kind} ${r.key}`)).to.deep.equal(['missing a/x', 'extra b/x'])
  })

  it('refuses expected rows that repeat a key', () => {
    expect(() => diffRows(COLUMNS, [{ NAME: 'a' }, { NAME: 'a' }], [], 'NAME')).to.throw(
      /repeat the key "a"/
    )
  })

  it('shows an empty cell as "" and an absent one as -', () => {
    const text = formatTableDiff(
      'ns',
      ['NAME', 'LABEL'],
      diffRows(
        ['NAME', 'LABEL'],
        [{ NAME: 'onap', LABEL: 'enabled' }],
        [{ NAME: 'onap', LABEL: '' }],
        'NAME'
      )
    )
    expect(text).to.contain('actual    onap  "" *')
    const missing = formatTableDiff(
      'ns',
      ['NAME', 'LABEL'],
      diffRows(['NAME', 'LABEL'], [{ NAME: 'onap' }], [], 'NAME')
    )
    expect(missing).to.contain('missing  onap  -')
  })
})

describe('matchers', () => {
  it('atMost() accepts whole numbers up to its limit', () => {
    expect(atMost(3).test('3')).to.equal(true)
    expect(atMost(3).test('4')).to.equal(false)
    expect(atMost(3).test('x')).to.equal(false)
  })

  it('oneOf(), anyValue() and allOfAtLeastOne()', () => {
    expect(oneOf('a', 'b').test('b')).to.equal(true)
    expect(oneOf('a', 'b').test('c')).to.equal(false)
    expect(anyValue().test('whatever')).to.equal(true)
    expect(allOfAtLeastOne().test('2/2')).to.equal(true)
    expect(allOfAtLeastOne().test('1/2')).to.equal(false)
    expect(allOfAtLeastOne().test('0/0')).to.equal(false)
  })
})
