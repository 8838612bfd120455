import { expect } from 'chai'
import type { HttpRequest } from '../../network/index.js'
import { target } from './http-reply.js'

const req = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'msb-iag',
  headers: {},
  body: Buffer.alloc(0),
})

describe('target()', () => {
  const paths = [
    '/api/multicloud/v0/swagger.json',
    '/api/microservices/v1/services?namespace=onap&x=a%20b',
    '/iui/microservices/default.html?',
    '/',
    '/a//b',
    '//evil/path',
    '/a/./b/../c',
    '/a/..',
    '/a/%2e%2e/b',
    '/a b?c d',
    "/it's?q='x'",
    '/x#frag',
    '/a\\b',
    '/ü?ä=ö',
    '/api/v1/x?a=1&a=2&b',
  ]
  for (const p of paths)
    it(`splits ${JSON.stringify(p)} as the URL parser does`, () => {
      const u = new URL(p, 'http://x')
      const t = target(req(p))
      expect({ pathname: t.pathname, search: t.search }).to.deep.equal({
        pathname: u.pathname,
        search: u.search,
      })
      expect([...t.query]).to.deep.equal([...u.searchParams])
    })

  it('decodes the query it is asked for (a different query, different params)', () => {
    expect(target(req('/s?name=a%20b')).query.get('name')).to.equal('a b')
    expect(target(req('/s?name=c')).query.get('name')).to.equal('c')
    expect(target(req('/s')).query.get('name')).to.equal(null)
  })
})
