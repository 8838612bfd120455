import { expect } from 'chai'
import { duplicateJsonFields } from './duplicate-fields.js'

describe('duplicateJsonFields', () => {
  it('names each repeated key with its path, in document order', () => {
    const text =
      '{"kind":"Deployment","spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"a"},' +
      '{"name":"b","image":"x","name":"c"}]}},"replicas":2},"kind":"Deployment"}'
    expect(duplicateJsonFields(text)).to.deep.equal([
      'spec.template.spec.containers[1].name',
      'spec.replicas',
      'kind',
    ])
  })

  it('finds none in valid JSON without repeats, whatever strings and escapes hold', () => {
    const text = JSON.stringify({
      a: '{"a":1,"a":2}',
      b: ['\\"', { a: 1 }, { a: 2 }],
      c: { 'x"y': 1, 'x\\"y': 2 },
      d: [],
      e: {},
    })
    expect(duplicateJsonFields(text)).to.deep.equal([])
    expect(duplicateJsonFields('[{"a":1,"a":2}]')).to.deep.equal(['[0].a'])
  })
})
