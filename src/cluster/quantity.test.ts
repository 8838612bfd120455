import { expect } from 'chai'
import { formatBinarySI, formatCpu, parseQuantity } from './quantity.js'
import { cidrFamily, formatIpv4Cidr, parseIpv4, parseIpv4Cidr } from './ipv4.js'

describe('parseQuantity()', () => {
  it('reads binary, decimal and exponent suffixes', () => {
    expect(parseQuantity('64Gi')).to.equal(64 * 2 ** 30)
    expect(parseQuantity('500m')).to.equal(0.5)
    expect(parseQuantity('2k')).to.equal(2000)
    expect(parseQuantity('1e3')).to.equal(1000)
    expect(parseQuantity('8')).to.equal(8)
    expect(parseQuantity('1.5Gi')).to.equal(1.5 * 2 ** 30)
  })

  it('refuses text that is not a quantity', () => {
    for (const bad of ['16GG', 'Gi', '1 Gi', '1gi', '', '--1']) {
      expect(() => parseQuantity(bad), bad).to.throw(
        /^quantities must match the regular expression/
      )
    }
  })

  it('serializes as apimachinery does', () => {
    expect(formatBinarySI(16 * 2 ** 30)).to.equal('16Gi')
    expect(formatBinarySI(16 * 2 ** 30 - 100 * 2 ** 20)).to.equal('16284Mi')
    expect(formatBinarySI(4045952 * 1024)).to.equal('4045952Ki')
    expect(formatBinarySI(1000)).to.equal('1000')
    expect(formatCpu(8)).to.equal('8')
    expect(formatCpu(3.5)).to.equal('3500m')
  })
})

describe('ipv4', () => {
  it('parses addresses and CIDRs as net.ParseIP/ParseCIDR do', () => {
    expect(parseIpv4('127.0.10.104')).to.equal(0x7f000a68)
    expect(parseIpv4('127.0.10.0104')).to.equal(undefined)
    expect(parseIpv4('256.0.0.1')).to.equal(undefined)
    expect(formatIpv4Cidr(parseIpv4Cidr('192.168.7.9/16')!)).to.equal('192.168.0.0/16')
    expect(parseIpv4Cidr('192.168.0.0/33')).to.equal(undefined)
    expect(cidrFamily('fd00:10:96::/112')).to.equal('ipv6')
    expect(cidrFamily('fd00::/129')).to.equal(undefined)
    expect(cidrFamily('10.96.0.0/12')).to.equal('ipv4')
  })
})
