import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { NetError } from '../network/index.js'
import { scaledClock } from '../util/index.js'
import { MeshHooks } from './mesh-hooks.js'
import { staticMeshSource } from './mesh-watcher.js'
import { ReportBus, type RequestReport } from './report.js'
import { FakeNetwork } from '../testing/mesh/fake-network.js'
import { meshOf, testPod, testService } from '../testing/mesh/mesh-fixtures.js'
import type { MeshObjects } from './model/mesh-objects.js'

const v1 = testPod({ app: 'reviews', version: 'v1', ips: [] }, '10.1.0.11', 0)
const v2 = testPod({ app: 'reviews', version: 'v2', ips: [] }, '10.1.0.12', 0)
const client = testPod({ app: 'productpage', version: 'v1', ips: [] }, '10.1.0.20', 0)
const plain = testPod({ app: 'sleep', version: 'v1', ips: [], sidecar: false }, '10.1.0.30', 0)

const SUBSETS = `
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: { name: reviews }
spec:
  host: reviews
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
`

function lab(...extra: (KubeObject | string)[]) {
  const m: MeshObjects = meshOf([
    v1,
    v2,
    client,
    plain,
    ...testService('reviews', 'default', '10.96.0.10', [v1, v2]),
    ...extra,
  ])
  const bus = new ReportBus()
  const reports: RequestReport[] = []
  bus.subscribe((r) => reports.push(r))
  const logs: string[] = []
  const hooks = new MeshHooks({
    source: staticMeshSource(m),
    clock: scaledClock(0.01),
    bus,
    logs: { append: (_ns, pod, c, lines) => logs.push(...lines.map((l) => `${pod}/${c} ${l}`)) },
  })
  const net = new FakeNetwork(hooks, () => m)
  return { m, net, reports, logs, hooks }
}

async function statuses(n: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await send()).status)
  return out
}

describe('MeshHooks', () => {
  it('balances round-robin over all endpoints without rules and reports from both proxies', async () => {
    const { net, reports, logs } = lab()
    const bodies = new Set<string>()
    for (let i = 0; i < 4; i++)
      bodies.add((await net.fetch(client, 'http://reviews:9080/')).body.toString())
    expect([...bodies].sort()).to.deep.equal([
      'ok from reviews-v1-5d8f9c-0',
      'ok from reviews-v2-5d8f9c-0',
    ])
    const res = await net.fetch(client, 'http://reviews:9080/x')
    expect(res.headers.server).to.equal('envoy')
    expect(res.headers['x-envoy-upstream-service-time']).to.match(/^\d+$/)
    const last = reports.slice(-2)
    expect(last.map((r) => r.reporter).sort()).to.deep.equal(['destination', 'source'])
    const src = last.find((r) => r.reporter === 'source')!
    expect(src.upstreamCluster).to.equal('outbound|9080||reviews.default.svc.cluster.local')
    expect(src.operation).to.equal('reviews.default.svc.cluster.local:9080/*')
    expect(src.source.workload).to.equal('productpage-v1')
    expect(src.destinationService).to.equal('reviews.default.svc.cluster.local')
    const dst = last.find((r) => r.reporter === 'destination')!
    expect(dst.trace?.traceId).to.equal(src.trace?.traceId)
    expect(logs.filter((l) => l.startsWith('reviews')).at(-1)).to.match(
      /^reviews-v\d-5d8f9c-0\/istio-proxy \[.*\] "GET \/x HTTP\/1\.1" 200 - 0 \d+ \d+ \d+ "-" "-" "[0-9a-f-]{36}" "reviews:9080" "127\.0\.0\.1:9080"$/
    )
  })

  it('routes by header, and without the rule the header changes nothing', async () => {
    const vs = `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - match: [{ headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - route: [{ destination: { host: reviews, subset: v1 } }]
`
    const { net } = lab(SUBSETS, vs)
    for (let i = 0; i < 3; i++) {
      expect(
        (await net.fetch(client, 'http://reviews:9080/', { 'end-user': 'jason' })).body.toString()
      ).to.contain('v2')
      expect((await net.fetch(client, 'http://reviews:9080/')).body.toString()).to.contain('v1')
    }
    const without = lab(SUBSETS)
    const seen = new Set<string>()
    for (let i = 0; i < 4; i++)
      seen.add(
        (
          await without.net.fetch(client, 'http://reviews:9080/', { 'end-user': 'jason' })
        ).body.toString()
      )
    expect(seen.size).to.equal(2)
  })

  it('splits by weight 90/10 within ±3 % over 1000 requests', async () => {
    const vs = `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: 90 }
    - { destination: { host: reviews, subset: v2 }, weight: 10 }
`
    const { net, reports } = lab(SUBSETS, vs)
    let v2n = 0
    for (let i = 0; i < 1000; i++)
      if ((await net.fetch(client, 'http://reviews:9080/')).body.toString().includes('v2')) v2n++
    expect(v2n).to.be.within(70, 130)
    expect(reports.find((r) => r.reporter === 'source')!.operation).to.equal('reviews:9080/*')
  })

  it('aborts with the fault filter, and not once the fault is gone', async () => {
    const vs = (fault: string) => `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - ${fault}
    route: [{ destination: { host: reviews } }]
`
    const { net, logs } = lab(vs('fault: { abort: { percent: 100, httpStatus: 500 } }'))
    const res = await net.fetch(client, 'http://reviews:9080/')
    expect(res.status).to.equal(500)
    expect(res.body.toString()).to.equal('fault filter abort')
    expect(logs.at(-1)).to.contain('" 500 FI ')
    const none = lab(vs('fault: { abort: { httpStatus: 500 } }'))
    expect((await none.net.fetch(client, 'http://reviews:9080/')).status).to.equal(200)
  })

  it('times out a slow upstream with 504 UT only when the route has a timeout', async () => {
    const slow = (t: string) => {
      const l = lab(`
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: reviews } }]
    ${t}
`)
      for (const p of [v1, v2])
        l.net.apps.set(
          p.metadata.name!,
          () =>
            new Promise((r) =>
              setTimeout(() => r({ status: 200, headers: {}, body: Buffer.from('late') }), 60)
            )
        )
      return l
    }
    const a = slow('timeout: 1s')
    const res = await a.net.fetch(client, 'http://reviews:9080/')
    expect([res.status, res.body.toString()]).to.deep.equal([504, 'upstream request timeout'])
    const b = slow('')
    expect((await b.net.fetch(client, 'http://reviews:9080/')).status).to.equal(200)
  })

  it('retries hide a 30 % flaky backend only when retries are set', async () => {
    const mk = (retries: string) => {
      const l = lab(`
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: reviews } }]
    ${retries}
`)
      let i = 0
      for (const p of [v1, v2])
        l.net.apps.set(p.metadata.name!, () => ({
          status: i++ % 10 < 3 ? 503 : 200,
          headers: {},
          body: Buffer.alloc(0),
        }))
      return l
    }
    const ok = (s: number[]) => s.filter((x) => x === 200).length
    expect(
      ok(
        await statuses(200, () =>
          mk('retries: { attempts: 3 }').net.fetch(client, 'http://reviews:9080/')
        )
      )
    ).to.be.at.least(194)
    expect(
      ok(await statuses(200, () => mk('').net.fetch(client, 'http://reviews:9080/')))
    ).to.be.below(160)
  })

  it('returns 503 UO with x-envoy-overloaded when the pool overflows, none without limits', async () => {
    const dr = (pool: string) => `
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: { name: reviews }
spec:
  host: reviews
  trafficPolicy:
    ${pool}
`
    const run = async (pool: string) => {
      const l = lab(dr(pool))
      for (const p of [v1, v2])
        l.net.apps.set(
          p.metadata.name!,
          () =>
            new Promise((r) =>
              setTimeout(() => r({ status: 200, headers: {}, body: Buffer.alloc(0) }), 5)
            )
        )
      const codes: number[] = []
      let overloaded = 0
      await Promise.all(
        [0, 1, 2].map(async () => {
          for (let i = 0; i < 10; i++) {
            const res = await l.net.fetch(client, 'http://reviews:9080/')
            codes.push(res.status)
            if (res.headers['x-envoy-overloaded'] === 'true') overloaded++
          }
        })
      )
      return { n503: codes.filter((c) => c === 503).length, overloaded }
    }
    const limited = await run(
      'connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } }'
    )
    expect(limited.n503).to.be.greaterThan(0)
    expect(limited.overloaded).to.equal(limited.n503)
    expect((await run('loadBalancer: { simple: ROUND_ROBIN }')).n503).to.equal(0)
  })

  it('ejects a failing pod with outlier detection, and keeps sending to it without', async () => {
    const run = async (od: string) => {
      const l = lab(`
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: { name: reviews }
spec:
  host: reviews
  trafficPolicy:
    ${od}
`)
      l.net.apps.set(v2.metadata.name!, () => ({ status: 500, headers: {}, body: Buffer.alloc(0) }))
      return statuses(40, () => l.net.fetch(client, 'http://reviews:9080/'))
    }
    const ejected = await run(
      'outlierDetection: { consecutiveErrors: 2, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100 }'
    )
    expect(ejected.filter((s) => s === 500).length).to.equal(2)
    const kept = await run('loadBalancer: { simple: ROUND_ROBIN }')
    expect(kept.filter((s) => s === 500).length).to.equal(20)
  })

  it('enforces mTLS STRICT: 503 without the DestinationRule, 200 with it, reset for a plain client', async () => {
    const strict = `
apiVersion: authentication.istio.io/v1alpha1
kind: MeshPolicy
metadata: { name: default }
spec: { peers: [{ mtls: {} }] }
`
    const mutual = `
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: { name: default, namespace: istio-system }
spec: { host: '*.local', trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }
`
    expect((await lab(strict).net.fetch(client, 'http://reviews:9080/')).status).to.equal(503)
    const ok = lab(strict, mutual)
    expect((await ok.net.fetch(client, 'http://reviews:9080/')).status).to.equal(200)
    expect(ok.reports.at(-2)!.connectionSecurityPolicy).to.equal('mutual_tls')
    const err = await ok.net.fetch(plain, 'http://reviews:9080/').catch((e: unknown) => e)
    expect(err).to.be.instanceOf(NetError)
    expect((err as NetError).code).to.equal('ECONNRESET')
    expect((await lab().net.fetch(plain, 'http://reviews:9080/')).status).to.equal(200)
  })

  it('answers 429 on the third request within 5 s under a memquota of 2, and not without the binding', async () => {
    const quota = (binding: boolean) => `
apiVersion: config.istio.io/v1alpha2
kind: memquota
metadata: { name: handler, namespace: istio-system }
spec:
  quotas:
  - name: requestcount.quota.istio-system
    maxAmount: 500
    validDuration: 1s
    overrides:
    - { dimensions: { destination: reviews }, maxAmount: 2, validDuration: 5s }
---
apiVersion: config.istio.io/v1alpha2
kind: quota
metadata: { name: requestcount, namespace: istio-system }
spec:
  dimensions:
    source: request.headers["x-forwarded-for"] | "unknown"
    destination: destination.labels["app"] | destination.service | "unknown"
    destinationVersion: destination.labels["version"] | "unknown"
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: { name: quota, namespace: istio-system }
spec:
  actions: [{ handler: handler.memquota, instances: [requestcount.quota] }]
---
apiVersion: config.istio.io/v1alpha2
kind: QuotaSpec
metadata: { name: request-count, namespace: istio-system }
spec:
  rules: [{ quotas: [{ charge: 1, quota: requestcount }] }]
${
  binding
    ? `---
apiVersion: config.istio.io/v1alpha2
kind: QuotaSpecBinding
metadata: { name: request-count, namespace: istio-system }
spec:
  quotaSpecs: [{ name: request-count, namespace: istio-system }]
  services: [{ name: reviews, namespace: default }]
`
    : ''
}`
    const toV1 = `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http: [{ route: [{ destination: { host: reviews, subset: v1 } }] }]
`
    const mk = (binding: boolean) => {
      const l = lab(
        SUBSETS,
        toV1,
        quota(binding),
        ...testService('istio-policy', 'istio-system', '10.96.0.50', [v1])
      )
      l.m.meshConfig.disablePolicyChecks = false
      l.m.meshConfig.mixerCheckServer = 'istio-policy.istio-system.svc.cluster.local:9091'
      return l
    }
    const l = mk(true)
    const got = []
    for (let i = 0; i < 3; i++) got.push(await l.net.fetch(client, 'http://reviews:9080/'))
    expect(got.map((r) => r.status)).to.deep.equal([200, 200, 429])
    expect(got[2]!.body.toString()).to.equal(
      'RESOURCE_EXHAUSTED:Quota is exhausted for: requestcount'
    )
    const free = mk(false)
    expect(await statuses(5, () => free.net.fetch(client, 'http://reviews:9080/'))).to.deep.equal([
      200, 200, 200, 200, 200,
    ])
  })

  it('passes traffic istio-init does not capture straight through (excludeOutboundIPRanges)', async () => {
    const excl = testPod(
      {
        app: 'excl',
        version: 'v1',
        ips: [],
        annotations: { 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.96.0.0/16' },
      },
      '10.1.0.40',
      0
    )
    const { net, reports } = lab(excl)
    await net.fetch(excl, 'http://reviews:9080/')
    expect(reports.filter((r) => r.reporter === 'source')).to.have.length(0)
    expect(reports.filter((r) => r.reporter === 'destination')).to.have.length(1)
  })
})
