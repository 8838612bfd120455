import { expect } from 'chai'
import { copyHeaders, jsonRequest, NetError, NetErrorCodes } from './types.js'

const head = () => ({
  method: 'POST',
  path: '/api/v1/spans',
  authority: 'zipkin.istio-system:9411',
  headers: { 'content-type': 'application/json' },
})

describe('network: a request with a JSON value for a body', () => {
  it('serializes the value only when the body is read, to its JSON bytes', () => {
    let reads = 0
    const value = {
      get n() {
        reads++
        return 1
      },
    }
    const req = jsonRequest(head(), value)
    expect(reads).to.equal(0)
    expect(req.json).to.equal(value)
    expect(req.body.toString('utf8')).to.equal('{"n":1}')
    expect(req.body.toString('utf8')).to.equal('{"n":1}')
    expect(reads).to.equal(1)
  })

  it('does not carry the value into a copy, nor keep it once the bytes are replaced', () => {
    const req = jsonRequest(head(), [1, 2])
    const copy = { ...req }
    expect(copy.json).to.equal(undefined)
    expect(copy.body.toString('utf8')).to.equal('[1,2]')
    req.body = Buffer.from('[3]')
    expect(req.json).to.equal(undefined)
    expect(req.body.toString('utf8')).to.equal('[3]')
  })

  it('copies headers into a plain object that can be extended', () => {
    const h = { a: '1', b: '2' }
    const c = copyHeaders(h)
    c.c = '3'
    expect(c).to.deep.equal({ a: '1', b: '2', c: '3' })
    expect(h).to.deep.equal({ a: '1', b: '2' })
  })

  it('NetError keeps its code and message, without the cost of a stack trace', () => {
    const e = new NetError(NetErrorCodes.refused, 'connect ECONNREFUSED 10.1.1.1:80')
    expect(e).to.be.instanceOf(Error)
    expect([e.name, e.code, e.message]).to.deep.equal([
      'NetError',
      'ECONNREFUSED',
      'connect ECONNREFUSED 10.1.1.1:80',
    ])
    expect(e.stack ?? '').to.not.include('\n    at ')
    // Other errors keep their stack traces.
    expect(new Error('x').stack).to.include('\n    at ')
  })
})
