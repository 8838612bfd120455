import { expect } from 'chai'
import type { HttpRequest } from '../../network/index.js'
import type { Route, RouteConfiguration } from '../pilot/index.js'
import { formatAccessLog } from './access-log.js'
import { capturesInbound, capturesOutbound, inCidr } from './capture.js'
import { decideFault } from './fault-step.js'
import { localReply, mixerDenial } from './local-replies.js'
import { routeMatches, selectRoute, selectVirtualHost } from './route-match.js'
import { idRandom, newRequestId, randomHex, startSpan } from './tracing.js'
import { pickCluster } from './weighted-cluster.js'

const req = (
  path: string,
  headers: Record<string, string> = {},
  authority = 'reviews:9080'
): HttpRequest => ({
  method: 'GET',
  path,
  authority,
  headers,
  body: Buffer.alloc(0),
})
const seq =
  (...xs: number[]) =>
  () =>
    xs.shift() ?? 0

describe('route match', () => {
  it('matches exact path, prefix, full regex and headers (all must hold)', () => {
    expect(routeMatches({ path: '/a', headers: [] }, req('/a?x=1'))).to.equal(true)
    expect(routeMatches({ path: '/a', headers: [] }, req('/ab'))).to.equal(false)
    expect(routeMatches({ prefix: '/v2/', headers: [] }, req('/v2/x'))).to.equal(true)
    expect(routeMatches({ regex: '/api/v[0-9]+', headers: [] }, req('/api/v12'))).to.equal(true)
    expect(routeMatches({ regex: '/api/v[0-9]+', headers: [] }, req('/api/v12/x'))).to.equal(false)
    const m = {
      prefix: '/',
      headers: [
        { name: 'end-user', match: { exact: 'jason' } },
        { name: ':method', match: { exact: 'GET' } },
      ],
    }
    expect(routeMatches(m, req('/', { 'end-user': 'jason' }))).to.equal(true)
    expect(routeMatches(m, req('/', { 'end-user': 'Jason' }))).to.equal(false)
    expect(routeMatches(m, req('/'))).to.equal(false)
  })

  it('selects the virtual host by exact domain before wildcard, and the first matching route', () => {
    const r = (decorator: string, prefix: string): Route => ({
      match: { prefix, headers: [] },
      timeoutMs: 0,
      requestHeadersToAdd: [],
      decorator,
    })
    const rc: RouteConfiguration = {
      name: '9080',
      virtualHosts: [
        { name: 'any', domains: ['*'], routes: [r('any', '/')] },
        {
          name: 'reviews',
          domains: ['reviews', 'reviews:9080'],
          routes: [r('first', '/a'), r('second', '/')],
        },
      ],
    }
    expect(selectVirtualHost(rc, 'reviews:9080')?.name).to.equal('reviews')
    expect(selectVirtualHost(rc, 'other')?.name).to.equal('any')
    expect(selectRoute(selectVirtualHost(rc, 'reviews')!, req('/a/b'))?.decorator).to.equal('first')
    expect(selectRoute(selectVirtualHost(rc, 'reviews')!, req('/b'))?.decorator).to.equal('second')
    expect(selectVirtualHost({ name: 'x', virtualHosts: [rc.virtualHosts[1]!] }, 'nope')).to.equal(
      undefined
    )
  })
})

describe('fault filter', () => {
  it('delays and aborts by percent independently; percent 0 never faults', () => {
    const f = {
      delay: { type: 'FIXED' as const, percent: 50, fixedDelayMs: 7000 },
      abort: { percent: 10, httpStatus: 500 },
    }
    expect(decideFault(f, seq(0.49, 0.09))).to.deep.equal({ delayMs: 7000, abortStatus: 500 })
    expect(decideFault(f, seq(0.5, 0.1))).to.deep.equal({ delayMs: 0 })
    expect(decideFault({ abort: { percent: 0, httpStatus: 500 } }, () => 0)).to.deep.equal({
      delayMs: 0,
    })
    expect(decideFault(undefined, () => 0)).to.deep.equal({ delayMs: 0 })
  })

  it('replies with the configured status and `fault filter abort` (FI)', () => {
    const r = localReply('faultAbort', { status: 418 })
    expect([r.response.status, r.response.body.toString(), r.flag]).to.deep.equal([
      418,
      'fault filter abort',
      'FI',
    ])
    expect(r.response.headers.server).to.equal('envoy')
  })
})

describe('local replies and Mixer denials', () => {
  it('carries Envoy status, body, headers and flag per cause', () => {
    const o = localReply('overflow')
    expect([o.response.status, o.response.headers['x-envoy-overloaded'], o.flag]).to.deep.equal([
      503,
      'true',
      'UO',
    ])
    expect(localReply('timeout').response.body.toString()).to.equal('upstream request timeout')
    expect(localReply('noRoute').response.status).to.equal(404)
    const d = mixerDenial('RESOURCE_EXHAUSTED', 'Quota is exhausted for: requestcount')
    expect([d.response.status, d.response.body.toString()]).to.deep.equal([
      429,
      'RESOURCE_EXHAUSTED:Quota is exhausted for: requestcount',
    ])
    expect(mixerDenial('PERMISSION_DENIED', 'x').response.status).to.equal(403)
  })
})

describe('weighted clusters', () => {
  it('draws clusters by weight, a single cluster always', () => {
    const r = {
      weightedClusters: [
        { name: 'a', weight: 90 },
        { name: 'b', weight: 10 },
      ],
    } as Route
    expect(pickCluster(r, () => 0.89)).to.equal('a')
    expect(pickCluster(r, () => 0.9)).to.equal('b')
    expect(pickCluster({ cluster: 'c' } as Route, () => 0.99)).to.equal('c')
  })
})

describe('istio-init capture', () => {
  it('captures outbound by CIDR minus exclusions, inbound by port list', () => {
    expect(inCidr('10.96.0.10', '10.96.0.0/12')).to.equal(true)
    expect(inCidr('10.112.0.1', '10.96.0.0/12')).to.equal(false)
    const r = {
      includeOutbound: ['10.96.0.0/12'],
      excludeOutbound: ['10.96.0.10/32'],
      includeInbound: ['9080'],
      excludeInbound: [15020],
    }
    expect(capturesOutbound(r, '10.96.0.11')).to.equal(true)
    expect(capturesOutbound(r, '10.96.0.10')).to.equal(false)
    expect(capturesOutbound(r, '93.184.216.34')).to.equal(false)
    expect(capturesOutbound({ ...r, includeOutbound: ['*'] }, '93.184.216.34')).to.equal(true)
    expect(capturesInbound(r, 9080)).to.equal(true)
    expect(capturesInbound(r, 8080)).to.equal(false)
  })
})

describe('tracing and access log', () => {
  it('draws ids from a per-proxy generator: a seed repeats them, another seed does not', () => {
    const seeded = (seed: number) => {
      let x = seed
      return () => (x = (x * 16807) % 2147483647) / 2147483647
    }
    const a = idRandom(seeded(7))
    const b = idRandom(seeded(7))
    const c = idRandom(seeded(8))
    const ids = (r: () => number) => Array.from({ length: 5 }, () => newRequestId(r))
    const fromA = ids(a)
    expect(fromA).to.deep.equal(ids(b))
    expect(fromA).to.not.deep.equal(ids(c))
    expect(new Set(fromA).size).to.equal(5)
    for (const id of fromA)
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-9[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const draws = Array.from(
      { length: 1000 },
      idRandom(() => 0)
    )
    expect(Math.min(...draws)).to.be.at.least(0)
    expect(Math.max(...draws)).to.be.below(1)
    expect(new Set(draws).size).to.be.greaterThan(990)
  })

  it('draws ids as Envoy 1.0 spells them: 8 hex digits a 32-bit draw, in order', () => {
    // The ids as strings of the draws, written the plain way.
    const hex8 = (r: () => number) =>
      Math.floor(r() * 0x100000000)
        .toString(16)
        .padStart(8, '0')
    const wantHex = (n: number, r: () => number) => {
      let s = ''
      while (s.length < n) s += hex8(r)
      return s.slice(0, n)
    }
    const wantRequestId = (r: () => number) => {
      const h = wantHex(32, r)
      const variant = '89ab'[Math.floor(r() * 4)]!
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-9${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`
    }
    const lcg = (seed: number) => () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (const seed of [() => () => 0, () => () => 0.999999999, () => lcg(7)]) {
      const [a, b] = [idRandom(seed()), idRandom(seed())]
      for (let i = 0; i < 50; i++) {
        expect(newRequestId(a)).to.equal(wantRequestId(b))
        for (const n of [16, 12, 32]) expect(randomHex(n, a)).to.equal(wantHex(n, b))
      }
    }
  })

  it('generates a sampled request id and B3 ids at the edge; egress makes a child, ingress shares it', () => {
    let n = 0
    const rnd = () => ((n++ * 7) % 16) / 16
    expect(newRequestId(rnd)[14]).to.equal('9')
    const h: Record<string, string> = {}
    const edge = startSpan(h, 'outbound', rnd)
    expect(edge.traceId).to.equal(edge.spanId)
    expect(h['x-b3-sampled']).to.equal('1')
    const child = startSpan({ ...h }, 'outbound', rnd)
    expect([child.traceId, child.parentSpanId]).to.deep.equal([edge.traceId, edge.spanId])
    const server = startSpan({ ...h }, 'inbound', rnd)
    expect(server.spanId).to.equal(edge.spanId)
  })

  it('prints the default Envoy access-log format with - for empty fields', () => {
    const line = formatAccessLog({
      startMs: Date.UTC(2018, 10, 24),
      method: 'GET',
      path: '/x',
      status: 503,
      flags: 'UO',
      bytesReceived: 0,
      bytesSent: 57,
      durationMs: 1.2,
      authority: 'reviews:9080',
    })
    expect(line).to.equal(
      '[2018-11-24T00:00:00.000Z] "GET /x HTTP/1.1" 503 UO 0 57 1 - "-" "-" "-" "reviews:9080" "-"'
    )
  })
})
