import { expect } from 'chai'
import { matchPath, matchRoute } from './route-match.js'
import type { RouteSpec } from './types.js'

const route = (method: string, path: string): RouteSpec => ({
  method,
  path,
  status: 200,
  headers: {},
  body: path,
  errorRate: 0,
  errorStatus: 500,
  calls: [],
})

describe('matchPath()', () => {
  it('matches literal segments, {name} captures and a trailing *', () => {
    const params: Record<string, string> = {}
    expect(matchPath('/api/{svc}/v1/*', '/api/catalog/v1/swagger.json', params)).to.equal(true)
    expect(params).to.deep.equal({ svc: 'catalog', rest: 'swagger.json' })
    expect(matchPath('/healthz', '/healthz')).to.equal(true)
    expect(matchPath('/a/*', '/a')).to.equal(true)
    expect(matchPath('/a/*', '/ab/c')).to.equal(false)
    expect(matchPath('/a/*', '/a/')).to.equal(true)
  })

  it('does not match a shorter, longer or empty-segment path', () => {
    expect(matchPath('/healthz', '/healthz/x')).to.equal(false)
    expect(matchPath('/items/{id}', '/items/')).to.equal(false)
    expect(matchPath('/items/{id}', '/items')).to.equal(false)
    expect(matchPath('/a/b', '/a/c')).to.equal(false)
  })
})

describe('matchRoute()', () => {
  const routes = [route('GET', '/items/{id}'), route('*', '/items/*'), route('POST', '/buy')]

  it('returns the first route in file order whose method and path match, ignoring the query', () => {
    expect(matchRoute(routes, 'GET', '/items/7?x=1')?.route.body).to.equal('/items/{id}')
    expect(matchRoute(routes, 'DELETE', '/items/7')?.route.body).to.equal('/items/*')
    expect(matchRoute(routes, 'POST', '/buy')?.params).to.deep.equal({})
  })

  it('returns undefined when no method and path match', () => {
    expect(matchRoute(routes, 'GET', '/buy')).to.equal(undefined)
    expect(matchRoute(routes, 'GET', '/other')).to.equal(undefined)
  })
})
