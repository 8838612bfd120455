import { expect } from 'chai'
import { formatBytes, formatCpu, parseQuantity } from './quantity.js'

describe('quantities', () => {
  it('parses binary, decimal, milli and exponent forms', () => {
    expect(parseQuantity('16Gi')).to.equal(16 * 2 ** 30)
    expect(parseQuantity('16777216Ki')).to.equal(16 * 2 ** 30)
    expect(parseQuantity('3500m')).to.equal(3.5)
    expect(parseQuantity('1e3')).to.equal(1000)
    expect(parseQuantity('2k')).to.equal(2000)
    expect(Number.isNaN(parseQuantity('lots'))).to.equal(true)
  })

  it('formats bytes in the largest binary unit that divides them, and CPUs as Kubernetes does', () => {
    expect(formatBytes(16 * 2 ** 30)).to.equal('16Gi')
    expect(formatBytes(160 * 2 ** 30 - 1024)).to.equal('167772159Ki')
    expect(formatBytes(1000)).to.equal('1000')
    expect(formatCpu(8)).to.equal('8')
    expect(formatCpu(3.5)).to.equal('3500m')
  })
})
