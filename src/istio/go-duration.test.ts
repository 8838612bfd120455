import { expect } from 'chai'
import { canonicalGoDuration, formatGoDuration, parseGoDuration } from './go-duration.js'

describe('go-duration', () => {
  describe('parseGoDuration()', () => {
    it('reads single and compound units', () => {
      expect(parseGoDuration('45s')).to.equal(45e9)
      expect(parseGoDuration('1m0s')).to.equal(60e9)
      expect(parseGoDuration('1h2m3.5s')).to.equal(3723.5e9)
      expect(parseGoDuration('500ms')).to.equal(500e6)
      expect(parseGoDuration('0')).to.equal(0)
      expect(parseGoDuration('-2s')).to.equal(-2e9)
    })

    it('refuses what Go refuses', () => {
      expect(() => parseGoDuration('10')).to.throw('time: missing unit in duration "10"')
      expect(() => parseGoDuration('')).to.throw('time: invalid duration ""')
      expect(() => parseGoDuration('1x')).to.throw('time: invalid duration "1x"')
    })
  })

  describe('formatGoDuration()', () => {
    it('prints like Duration.String()', () => {
      expect(formatGoDuration(0)).to.equal('0s')
      expect(formatGoDuration(45e9)).to.equal('45s')
      expect(formatGoDuration(60e9)).to.equal('1m0s')
      expect(formatGoDuration(3600e9)).to.equal('1h0m0s')
      expect(formatGoDuration(1.5e9)).to.equal('1.5s')
      expect(formatGoDuration(500e6)).to.equal('500ms')
      expect(formatGoDuration(1500)).to.equal('1.5µs')
      expect(formatGoDuration(-90e9)).to.equal('-1m30s')
    })

    it('canonicalises mesh-config spellings', () => {
      expect(canonicalGoDuration('60s')).to.equal('1m0s')
      expect(canonicalGoDuration('1m0s')).to.equal('1m0s')
      expect(canonicalGoDuration('10s')).to.not.equal('10.0s')
    })
  })
})
