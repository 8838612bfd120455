import { expect } from 'chai'
import { labelSelectorFromObject, selectorToString } from './index.js'

describe('labelSelectorFromObject()', () => {
  it('combines matchLabels and matchExpressions', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    })
    expect(sel.matches({ app: 'web', tier: 'edge', env: 'prod', team: 'a' })).to.equal(true)
    expect(sel.matches({ app: 'web', tier: 'edge', env: 'dev', team: 'a' })).to.equal(false)
    expect(sel.matches({ app: 'web', tier: 'edge', team: 'a', legacy: 'y' })).to.equal(false)
    expect(sel.matches({ app: 'web', tier: 'back', team: 'a' })).to.equal(false)
    expect(sel.matches({ app: 'web', tier: 'edge' })).to.equal(false)
  })

  it('matches everything when empty and nothing when missing', () => {
    expect(labelSelectorFromObject({}).matches({ a: 'b' })).to.equal(true)
    expect(labelSelectorFromObject(undefined).matches({ a: 'b' })).to.equal(false)
    expect(labelSelectorFromObject(null).matches({})).to.equal(false)
  })

  it('rejects unknown operators and bad values with 400', () => {
    const bad = () =>
      labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })
    expect(bad).to.throw('"Gt" is not a valid pod selector operator')
    try {
      bad()
    } catch (err) {
      expect((err as { code: number }).code).to.equal(400)
    }
    expect(() =>
      labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In' }] })
    ).to.throw("values set can't be empty")
    expect(() => labelSelectorFromObject({ matchLabels: { 'bad key': 'x' } })).to.throw(
      'invalid label key'
    )
  })
})

describe('selectorToString()', () => {
  it('prints like metav1.FormatLabelSelector', () => {
    expect(selectorToString({ matchLabels: { b: '2', a: '1' } })).to.equal('a=1,b=2')
    expect(
      selectorToString({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['z', 'y'] }] })
    ).to.equal('x notin (y,z)')
    expect(selectorToString({})).to.equal('<none>')
    expect(selectorToString(undefined)).to.equal('<none>')
    expect(selectorToString({ matchExpressions: [{ key: 'a', operator: 'Bad' }] })).to.equal(
      '<error>'
    )
  })
})
