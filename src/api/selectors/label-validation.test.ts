import { expect } from 'chai'
import { isQualifiedName } from './label-validation.js'

describe('isQualifiedName()', () => {
  it('answers the same for a key checked again, valid or not', () => {
    for (let i = 0; i < 2; i++) {
      expect(isQualifiedName('app.kubernetes.io/name')).to.deep.equal([])
      expect(isQualifiedName('app')).to.deep.equal([])
      expect(isQualifiedName('-app')).to.have.length(1)
      expect(isQualifiedName('/app')).to.deep.equal(['prefix part must be non-empty'])
      expect(isQualifiedName('a/b/c')[0]).to.match(/^a qualified name must consist of/)
    }
  })

  it('gives each caller its own answer: changing one changes no later one', () => {
    isQualifiedName('release').push('changed by a caller')
    expect(isQualifiedName('release')).to.deep.equal([])
  })

  it('still checks keys after many distinct ones were found valid', () => {
    for (let i = 0; i < 10_050; i++) expect(isQualifiedName(`k${i}`)).to.deep.equal([])
    expect(isQualifiedName('k-')).to.have.length(1)
    expect(isQualifiedName('k1')).to.deep.equal([])
  })
})
