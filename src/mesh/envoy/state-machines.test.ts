import { expect } from 'chai'
import { fakeClock } from '../../util/index.js'
import type { Cluster, LbEndpoint, Route } from '../pilot/index.js'
import { ConnectionPool } from './connection-pool.js'
import { LoadBalancer } from './load-balancer.js'
import { OutlierDetector } from './outlier-detector.js'
import { routeRequest } from './router.js'
import { UpstreamCluster } from './upstream-cluster.js'

const limits = (c: number, p: number, r = 1024, retries = 3) => ({
  maxConnections: c,
  maxPendingRequests: p,
  maxRequests: r,
  maxRetries: retries,
})
const hosts: LbEndpoint[] = [1, 2, 3].map((i) => ({ ip: `10.0.0.${i}`, port: 80, labels: {} }))
const cluster = (extra: Partial<Cluster> = {}): Cluster => ({
  name: 'outbound|80||x',
  type: 'EDS',
  connectTimeoutMs: 1000,
  lbPolicy: 'ROUND_ROBIN',
  circuitBreakers: limits(1024, 1024),
  ...extra,
})
const flush = () => new Promise((r) => setImmediate(r))

describe('ConnectionPool', () => {
  it('takes a connection, then queues, then overflows; a release hands the connection on', async () => {
    const p = new ConnectionPool(limits(1, 1))
    const a = p.acquire()
    const b = p.acquire()
    expect(p.acquire()).to.equal('overflow')
    expect(p.stats.upstream_rq_pending_overflow).to.equal(1)
    if (a === 'overflow' || b === 'overflow') throw new Error('unexpected overflow')
    let bGranted = false
    void b.lease.then(() => (bGranted = true))
    await flush()
    expect(bGranted).to.equal(false)
    ;(await a.lease).release()
    await flush()
    expect(bGranted).to.equal(true)
    expect(p.load).to.deep.equal({ active: 1, pending: 0 })
  })

  it('caps requests in flight with maxRequests and retries with maxRetries', () => {
    const p = new ConnectionPool(limits(10, 10, 1, 1))
    expect(p.acquire()).to.not.equal('overflow')
    expect(p.acquire()).to.equal('overflow')
    expect(p.tryRetry()).to.equal(true)
    expect(p.tryRetry()).to.equal(false)
    p.retryDone()
    expect(p.tryRetry()).to.equal(true)
  })
})

describe('OutlierDetector', () => {
  it('ejects after consecutive 5xx for baseEjectionTime × ejections, within maxEjectionPercent', () => {
    const clock = fakeClock()
    const d = new OutlierDetector(
      { consecutive5xx: 2, intervalMs: 1000, baseEjectionTimeMs: 30_000, maxEjectionPercent: 50 },
      clock
    )
    const all = ['a', 'b', 'c', 'd']
    d.record('a', 500, all)
    d.record('a', 200, all)
    d.record('a', 503, all)
    expect(d.isEjected('a')).to.equal(false)
    d.record('a', 503, all)
    expect(d.isEjected('a')).to.equal(true)
    clock.advance(29_999)
    expect(d.isEjected('a')).to.equal(true)
    clock.advance(1)
    expect(d.isEjected('a')).to.equal(false)
    d.record('a', 500, all)
    d.record('a', 500, all)
    clock.advance(59_999)
    expect(d.isEjected('a'), 'second ejection lasts twice as long').to.equal(true)
    d.record('b', 500, all)
    d.record('b', 500, all)
    expect(d.isEjected('b')).to.equal(true)
    d.record('c', 500, all)
    d.record('c', 500, all)
    expect(d.isEjected('c'), '2 of 4 out already: 50 % is the cap').to.equal(false)
  })
})

describe('LoadBalancer', () => {
  it('round-robins, prefers the less loaded host for LEAST_REQUEST, hashes consistently', () => {
    const lb = new LoadBalancer()
    const ctx = {
      headers: { 'x-user': 'jason' },
      sourceIp: '10.1.0.1',
      active: (k: string) => (k === '10.0.0.1:80' ? 5 : 0),
      random: () => 0,
    }
    expect([0, 1, 2, 3].map(() => lb.pick(cluster(), hosts, ctx)!.ip)).to.deep.equal([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.3',
      '10.0.0.1',
    ])
    let r = 0
    const two = { ...ctx, random: () => [0, 0.5][r++ % 2]! }
    expect(lb.pick(cluster({ lbPolicy: 'LEAST_REQUEST' }), hosts, two)!.ip).to.equal('10.0.0.2')
    const ring = cluster({
      lbPolicy: 'RING_HASH',
      hashPolicy: { header: 'x-user' },
      minimumRingSize: 64,
    })
    const first = lb.pick(ring, hosts, ctx)!.ip
    for (let i = 0; i < 5; i++)
      expect(lb.pick(ring, hosts, { ...ctx, random: Math.random })!.ip).to.equal(first)
  })
})

describe('routeRequest()', () => {
  const route = (extra: Partial<Route> = {}): Route => ({
    match: { prefix: '/', headers: [] },
    cluster: 'outbound|80||x',
    timeoutMs: 0,
    requestHeadersToAdd: [],
    decorator: 'x',
    ...extra,
  })
  const req = { method: 'GET', path: '/', authority: 'x', headers: {}, body: Buffer.alloc(0) }

  it('retries 5xx up to the attempts, never an overloaded 503, and answers 504 UT at the route timeout', async () => {
    const clock = fakeClock()
    const up = new UpstreamCluster(cluster(), hosts, clock)
    let calls = 0
    const send = async () => ({
      status: ++calls < 3 ? 503 : 200,
      headers: {},
      body: Buffer.alloc(0),
    })
    const p = routeRequest({
      route: route({ retryPolicy: { retryOn: '5xx', numRetries: 3, perTryTimeoutMs: 0 } }),
      upstream: up,
      req,
      sourceIp: '1.1.1.1',
      clock,
      random: () => 0,
      send,
    })
    for (let i = 0; i < 10; i++) {
      await flush()
      clock.advance(100)
    }
    const r = await p
    expect([r.response.status, r.attempts]).to.deep.equal([200, 3])

    calls = 0
    const overloaded = async () => (
      calls++,
      { status: 503, headers: { 'x-envoy-overloaded': 'true' }, body: Buffer.alloc(0) }
    )
    const o = await routeRequest({
      route: route({ retryPolicy: { retryOn: '5xx', numRetries: 3, perTryTimeoutMs: 0 } }),
      upstream: up,
      req,
      sourceIp: '1',
      clock,
      random: () => 0,
      send: overloaded,
    })
    expect([o.response.status, calls]).to.deep.equal([503, 1])

    const never = () => new Promise<never>(() => {})
    const t = routeRequest({
      route: route({ timeoutMs: 3000 }),
      upstream: up,
      req,
      sourceIp: '1',
      clock,
      random: () => 0,
      send: never,
    })
    await flush()
    clock.advance(3000)
    const tr = await t
    expect([tr.response.status, tr.response.body.toString(), tr.flag]).to.deep.equal([
      504,
      'upstream request timeout',
      'UT',
    ])
  })

  it('does not retry without a retry policy', async () => {
    const clock = fakeClock()
    const up = new UpstreamCluster(cluster(), hosts, clock)
    let calls = 0
    const r = await routeRequest({
      route: route(),
      upstream: up,
      req,
      sourceIp: '1',
      clock,
      random: () => 0,
      send: async () => (calls++, { status: 500, headers: {}, body: Buffer.alloc(0) }),
    })
    expect([r.response.status, calls]).to.deep.equal([500, 1])
  })
})
