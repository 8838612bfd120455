import { expect } from 'chai'
import { ageSince, humanDuration, parseTimestamp, rfc3339 } from './human-duration.js'

const S = 1000
const M = 60 * S
const H = 60 * M
const D = 24 * H

describe('humanDuration()', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * S, '5s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [184 * S, '3m4s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [2 * D + 1 * H, '2d1h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [731 * D, '2y1d'],
    [8 * 365 * D, '8y'],
    [20 * 365 * D + 100 * D, '20y'],
  ]
  for (const [ms, want] of cases) {
    it(`prints ${ms}ms as ${want}`, () => expect(humanDuration(ms)).to.equal(want))
  }
})

describe('ageSince() and timestamps', () => {
  const now = new Date('2024-05-01T12:00:00Z')

  it('measures RFC 3339 timestamps against now', () => {
    expect(ageSince('2024-05-01T11:59:55Z', now)).to.equal('5s')
    expect(ageSince('2024-05-01T13:59:55+02:00', now)).to.equal('5s')
    expect(ageSince('2024-05-01T12:00:10Z', now)).to.equal('<invalid>')
  })

  it('prints <unknown> without a usable timestamp', () => {
    expect(ageSince(undefined, now)).to.equal('<unknown>')
    expect(ageSince('', now)).to.equal('<unknown>')
    expect(ageSince('yesterday', now)).to.equal('<unknown>')
    expect(ageSince('2024-05-01', now)).to.equal('<unknown>')
    expect(parseTimestamp(42)).to.equal(undefined)
  })

  it('formats RFC 3339 in UTC to the second, and Go zero time when missing', () => {
    expect(rfc3339('2024-05-01T14:00:00.789+02:00')).to.equal('2024-05-01T12:00:00Z')
    expect(rfc3339(undefined)).to.equal('0001-01-01T00:00:00Z')
  })
})
