import { expect } from 'chai'
import { arrayIndex, formatJsonPointer, parseJsonPointer } from './json-pointer.js'

describe('JSON pointers', () => {
  const cases: [pointer: string, tokens: string[] | undefined][] = [
    ['', []],
    ['/metadata/labels/app.kubernetes.io~1name', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['/a~01', ['a~1']],
    ['/', ['']],
    ['metadata', undefined],
    ['/a~2', undefined],
    ['/a~', undefined],
  ]
  for (const [pointer, tokens] of cases) {
    it(`parses ${JSON.stringify(pointer)}`, () =>
      expect(parseJsonPointer(pointer)).to.deep.equal(tokens))
  }

  it('formats tokens back', () => {
    expect(formatJsonPointer(['labels', 'a/b', 'c~d'])).to.equal('/labels/a~1b/c~0d')
  })

  it('accepts only canonical array indexes', () => {
    expect([
      arrayIndex('0'),
      arrayIndex('12'),
      arrayIndex('01'),
      arrayIndex('-1'),
      arrayIndex('-'),
    ]).to.deep.equal([0, 12, undefined, undefined, undefined])
  })
})
