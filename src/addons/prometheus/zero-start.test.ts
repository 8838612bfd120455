import { expect } from 'chai'
import { addZeroStarts } from './zero-start.js'

const first = ['# TYPE a_total counter', 'a_total{x="1"} 5', '# TYPE g gauge', 'g 3', ''].join('\n')

const second = [
  '# TYPE a_total counter',
  'a_total{x="1"} 7',
  'a_total{x="2"} 4',
  '# TYPE d histogram',
  'd_bucket{le="1"} 2',
  'd_bucket{le="+Inf"} 2',
  'd_sum 0.5',
  'd_count 2',
  '# TYPE s summary',
  's{quantile="0.5"} 1',
  's_count 1',
  '# TYPE g gauge',
  'g 4',
  'h 9',
  '# TYPE t_total counter',
  't_total 3 1700000000000',
  '',
].join('\n')

describe('zero starts (counters that appear between two scrapes)', () => {
  it('adds nothing on a target’s first scrape', () => {
    const r = addZeroStarts(first, undefined, 1000)
    expect(r.text).to.equal(first)
    expect([...r.memory.series]).to.deep.equal(['a_total{x="1"}'])
  })

  it('gives each new cumulative series a zero sample at the previous scrape’s time', () => {
    const { memory } = addZeroStarts(first, undefined, 1000)
    const r = addZeroStarts(second, memory, 6000)
    const added = r.text.split('\n').filter((l) => / 0 1000$/.test(l))
    expect(added).to.deep.equal([
      'a_total{x="2"} 0 1000',
      'd_bucket{le="1"} 0 1000',
      'd_bucket{le="+Inf"} 0 1000',
      'd_sum 0 1000',
      'd_count 0 1000',
      's_count 0 1000',
    ])
    // Each zero comes right before the series' own sample, inside its family.
    expect(r.text).to.include('a_total{x="2"} 0 1000\na_total{x="2"} 4\n')
    expect(r.memory.atMs).to.equal(6000)
  })

  it('leaves gauges, untyped samples, quantiles, known series and timestamped samples alone', () => {
    const { memory } = addZeroStarts(first, undefined, 1000)
    const r = addZeroStarts(second, memory, 6000)
    for (const s of ['a_total{x="1"} 0', 'g 0', 'h 0', 's{quantile="0.5"} 0', 't_total 0'])
      expect(r.text).to.not.include(s)
  })
})
