import { expect } from 'chai'
import { resourceFieldValue } from './resource-field.js'

describe('resourceFieldValue()', () => {
  const c = { name: 'c', resources: { limits: { cpu: '0.1', memory: '1000' } } }

  it('divides by the divisor and rounds up, without decimal float noise', () => {
    expect(resourceFieldValue({ resource: 'limits.cpu', divisor: '1m' }, c, {})).to.equal('100')
    expect(resourceFieldValue({ resource: 'limits.cpu' }, c, {})).to.equal('1')
    expect(resourceFieldValue({ resource: 'limits.memory', divisor: '1Ki' }, c, {})).to.equal('1')
    expect(resourceFieldValue({ resource: 'limits.memory', divisor: 3 }, c, {})).to.equal('334')
  })

  it('fills unset limits, never requests, from the allocatable (negative: unknown resources)', () => {
    const bare = { name: 'b' }
    const alloc = { cpu: '2', memory: '1Gi', 'ephemeral-storage': '10Gi' }
    expect(resourceFieldValue({ resource: 'limits.cpu' }, bare, alloc)).to.equal('2')
    expect(resourceFieldValue({ resource: 'requests.cpu' }, bare, alloc)).to.equal('0')
    expect(
      resourceFieldValue({ resource: 'limits.ephemeral-storage', divisor: '1Gi' }, bare, alloc)
    ).to.equal('10')
    expect(resourceFieldValue({ resource: 'limits.pods' }, bare, alloc)).to.equal(undefined)
    expect(resourceFieldValue({ resource: 'cpu' }, bare, alloc)).to.equal(undefined)
  })
})
