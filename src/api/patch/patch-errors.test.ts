import { expect } from 'chai'
import {
  cannotUnmarshal,
  goFormat,
  goTypeName,
  patchNotApplicable,
  unconvertedError,
} from './patch-errors.js'

describe('patch errors', () => {
  it('formats values as Go prints them', () => {
    expect(goFormat({ b: [1, 'x'], a: null })).to.equal('map[a:<nil> b:[1 x]]')
    expect(goTypeName([])).to.equal('[]interface {}')
    expect(goTypeName({})).to.equal('map[string]interface {}')
    expect(goTypeName(1.5)).to.equal('float64')
  })

  it('builds the Status bodies kube-apiserver sends', () => {
    expect(patchNotApplicable().toStatus()).to.deep.include({
      code: 422,
      reason: 'Invalid',
      details: {},
    })
    expect(cannotUnmarshal(true, 'jsonpatch.Patch').message).to.equal(
      'json: cannot unmarshal bool into Go value of type jsonpatch.Patch'
    )
    expect(unconvertedError('boom').code).to.equal(500)
  })
})
