import { expect } from 'chai'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { injectorStateOf, kubeInjectYaml, manifestObjects } from '../src/istio/index.js'
import type { HttpResponse, Origin } from '../src/network/index.js'
import type { RequestReport } from '../src/mesh/index.js'
import {
  ROOT,
  run,
  startClusterTestLab,
  until,
  type ClusterTestLab,
} from './support/lab-fixture.js'

// Istio 1.0 in the data plane, driven by real kubectl applying Istio 1.0 YAML against a sim lab
// with the generic echo app; each behaviour has its negative case (the rule removed).

const manifest = manifestObjects(
  readFileSync(join(ROOT, 'fixtures', 'istio', 'istio.yaml'), 'utf8')
)
const injector = injectorStateOf(manifest)

const AUTHN_CRDS = ['policies', 'meshpolicies'].map((plural) => ({
  apiVersion: 'apiextensions.k8s.io/v1beta1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.authentication.istio.io` },
  spec: {
    group: 'authentication.istio.io',
    names: {
      kind: plural === 'policies' ? 'Policy' : 'MeshPolicy',
      plural,
      singular: plural.replace(/ies$/, 'y'),
      listKind: plural === 'policies' ? 'PolicyList' : 'MeshPolicyList',
    },
    scope: plural === 'policies' ? 'Namespaced' : 'Cluster',
    version: 'v1alpha1',
  },
}))

const docs = (objs: unknown[]) => objs.map((o) => stringify(o)).join('---\n')

const deployment = (app: string, version: string, replicas = 1) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}-${version}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${app}, version: ${version}}}
  template:
    metadata: {labels: {app: ${app}, version: ${version}}}
    spec:
      containers:
      - name: ${app}
        image: example.com/echo:1.0
        ports: [{containerPort: 9080}]
`
const service = (app: string) => `apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: default}
spec:
  selector: {app: ${app}}
  ports: [{name: http, port: 9080}]
`

const WORKLOADS = [
  deployment('reviews', 'v1'),
  deployment('reviews', 'v2'),
  deployment('flaky', 'v1'),
  deployment('sleep', 'v1'),
  deployment('outlier', 'v1'),
  deployment('outlier', 'v2'),
  deployment('ratings', 'v1'),
  deployment('speed', 'v1'),
  deployment('speed', 'v2'),
  service('speed'),
  service('reviews'),
  service('flaky'),
  service('outlier'),
  service('ratings'),
].join('---\n')

const PLAIN = deployment('plain', 'v1')

const GATEWAY_POD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector: {matchLabels: {app: istio-ingressgateway, istio: ingressgateway}}
  template:
    metadata: {labels: {app: istio-ingressgateway, istio: ingressgateway}}
    spec:
      containers:
      - name: ingressgateway
        image: gcr.io/istio-release/proxyv2:1.0.0
        args: [proxy, router, -v, "2"]
        ports: [{containerPort: 80}, {containerPort: 443}, {containerPort: 31400}]
`

const POLICY_BACKEND = `apiVersion: v1
kind: Service
metadata: {name: istio-policy, namespace: istio-system}
spec:
  selector: {istio: mixer, istio-mixer-type: policy}
  ports: [{name: grpc-mixer, port: 9091}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-policy, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: mixer, istio-mixer-type: policy}}
  template:
    metadata: {labels: {istio: mixer, istio-mixer-type: policy}}
    spec:
      containers: [{name: mixer, image: example.com/echo:1.0, ports: [{containerPort: 9091}]}]
`

// samples/bookinfo/policy/mixer-rule-productpage-ratelimit.yaml (1.0), bound to ratings.
const RATE_LIMIT = `apiVersion: config.istio.io/v1alpha2
kind: memquota
metadata: {name: handler, namespace: istio-system}
spec:
  quotas:
  - name: requestcount.quota.istio-system
    maxAmount: 500
    validDuration: 1s
    overrides:
    - {dimensions: {destination: ratings}, maxAmount: 2, validDuration: 5s}
---
apiVersion: config.istio.io/v1alpha2
kind: quota
metadata: {name: requestcount, namespace: istio-system}
spec:
  dimensions:
    source: request.headers["x-forwarded-for"] | "unknown"
    destination: destination.labels["app"] | destination.service | "unknown"
    destinationVersion: destination.labels["version"] | "unknown"
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: quota, namespace: istio-system}
spec:
  actions: [{handler: handler.memquota, instances: [requestcount.quota]}]
---
apiVersion: config.istio.io/v1alpha2
kind: QuotaSpec
metadata: {name: request-count, namespace: istio-system}
spec:
  rules: [{quotas: [{charge: 1, quota: requestcount}]}]
---
apiVersion: config.istio.io/v1alpha2
kind: QuotaSpecBinding
metadata: {name: request-count, namespace: istio-system}
spec:
  quotaSpecs: [{name: request-count, namespace: istio-system}]
  services: [{name: ratings, namespace: default}]
`

const CITADEL = `apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-citadel, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: citadel}}
  template:
    metadata: {labels: {istio: citadel}}
    spec:
      containers: [{name: citadel, image: example.com/echo:1.0, ports: [{containerPort: 8060}]}]
`

const SCENARIO = `apiVersion: onap-mesh-lab/v1alpha1
kind: Scenario
apps:
- {name: flaky, match: {pod: 'flaky-*', container: flaky}, errorRate: 0.3, errorStatus: 503}
- {name: broken, match: {pod: 'outlier-v2-*', container: outlier}, errorRate: 1, errorStatus: 500}
- {name: slow, match: {pod: 'speed-v2-*', container: speed}, latencyMs: 40}
`

describe('Istio 1.0 traffic management in the sim data plane (kubectl + echo app)', function () {
  this.timeout(240_000)
  let lab: ClusterTestLab
  let sleep: Origin
  let plain: Origin
  let reports: RequestReport[]

  const apply = async (yaml: string) => {
    const r = await lab.kubectl(['apply', '-f', '-'], yaml)
    expect(r.code, r.stderr).to.equal(0)
    await new Promise((res) => setTimeout(res, 300))
  }
  const remove = async (yaml: string) => {
    const r = await lab.kubectl(['delete', '-f', '-'], yaml)
    expect(r.code, r.stderr).to.equal(0)
    await new Promise((res) => setTimeout(res, 300))
  }
  const get = (
    from: Origin,
    url: string,
    headers: Record<string, string> = {}
  ): Promise<HttpResponse> =>
    lab.lab.dataPlane.network.fetch(from, url, { headers, timeoutMs: 20_000 })
  const version = async (from: Origin, url: string, headers: Record<string, string> = {}) =>
    (JSON.parse((await get(from, url, headers)).body.toString()) as { version: string }).version

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-traffic-'))
    writeFileSync(join(dir, 'scenario.yaml'), SCENARIO)
    lab = await startClusterTestLab({ scenario: join(dir, 'scenario.yaml') })
    reports = []
    lab.lab.dataPlane.reports.subscribe((r) => reports.push(r))
    const crds = manifest.filter((o) => o.kind === 'CustomResourceDefinition')
    const ns = manifest.filter((o) => o.kind === 'Namespace' && o.metadata.name === 'istio-system')
    const cm = manifest.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio')
    let r = await lab.kubectl(['apply', '-f', '-'], docs([...crds, ...AUTHN_CRDS, ...ns, ...cm]))
    expect(r.code, r.stderr).to.equal(0)
    const injected = kubeInjectYaml(WORKLOADS, injector.config, injector.mesh).output
    r = await lab.kubectl(
      ['apply', '-f', '-'],
      `${injected}\n---\n${PLAIN}---\n${POLICY_BACKEND}---\n${GATEWAY_POD}---\n${CITADEL}`
    )
    expect(r.code, r.stderr).to.equal(0)
    for (const d of [
      'reviews-v1',
      'reviews-v2',
      'flaky-v1',
      'sleep-v1',
      'plain-v1',
      'outlier-v1',
      'outlier-v2',
      'ratings-v1',
      'speed-v1',
      'speed-v2',
    ]) {
      const s = await lab.kubectl(['rollout', 'status', `deployment/${d}`, '--timeout=120s'])
      expect(s.code, s.stderr).to.equal(0)
    }
    for (const d of ['istio-policy', 'istio-ingressgateway']) {
      const s = await lab.kubectl([
        '-n',
        'istio-system',
        'rollout',
        'status',
        `deployment/${d}`,
        '--timeout=120s',
      ])
      expect(s.code, s.stderr).to.equal(0)
    }
    const podName = async (app: string) =>
      (
        await lab.kubectl([
          'get',
          'pods',
          '-l',
          `app=${app}`,
          '-o',
          'jsonpath={.items[0].metadata.name}',
        ])
      ).stdout
    sleep = lab.lab.dataPlane.network.podOrigin('default', await podName('sleep'))!
    plain = lab.lab.dataPlane.network.podOrigin('default', await podName('plain'))!
    await until('the mesh to see the workloads', async () => {
      const res = await get(sleep, 'http://reviews:9080/').catch(() => undefined)
      return res?.status === 200
    })
  })
  after(async () => lab?.stop())

  it('goes through both sidecars: envoy headers, one report per proxy, an access-log line', async () => {
    reports.length = 0
    const res = await get(sleep, 'http://reviews:9080/hello')
    expect(res.status).to.equal(200)
    expect(res.headers.server).to.equal('envoy')
    expect(res.headers['x-envoy-upstream-service-time']).to.match(/^\d+$/)
    const seen = JSON.parse(res.body.toString()) as { headers: Record<string, string> }
    expect(seen.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/)
    expect(seen.headers['x-b3-sampled']).to.equal('1')
    expect(reports.map((r) => r.reporter).sort()).to.deep.equal(['destination', 'source'])
    const pod = reports.find((r) => r.reporter === 'destination')!.destination.pod
    const log = await lab.kubectl(['logs', pod, '-c', 'istio-proxy'])
    expect(log.stdout).to.match(/"GET \/hello HTTP\/1\.1" 200 - 0 \d+ \d+ \d+ /)
  })

  it("refuses invalid Istio objects at admission with Galley's message", async () => {
    const bad = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: bad}
spec:
  hosts: [reviews]
  http:
  - route:
    - {destination: {host: reviews}, weight: 90}
    - {destination: {host: reviews}, weight: 20}
`
    const r = await lab.kubectl(['apply', '-f', '-'], bad)
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain(
      'admission webhook "pilot.validation.istio.io" denied the request: configuration is invalid: 1 error occurred:'
    )
    expect(r.stderr).to.contain('* total destination weight 110 != 100')
    const ok = await lab.kubectl(['apply', '-f', '-'], bad.replace('weight: 20', 'weight: 10'))
    expect(ok.code, ok.stderr).to.equal(0)
    await remove(bad.replace('weight: 20', 'weight: 10'))
    // Accepted but black-holed by Pilot: a Warning Event says why.
    const ignored = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: ignored}
spec:
  hosts: [flaky]
  http: [{route: [{destination: {host: flaky, subset: v9}}]}]
`
    await apply(ignored)
    await until(
      'the Pilot warning event',
      async () =>
        (
          await lab.kubectl([
            'get',
            'events',
            '--field-selector',
            'involvedObject.name=ignored',
            '-o',
            'jsonpath={.items[*].reason}',
          ])
        ).stdout.includes('UnknownSubset'),
      10_000
    )
    expect((await get(sleep, 'http://flaky:9080/')).status).to.equal(503)
    await remove(ignored)
  })

  it('routes by header with a VirtualService, and not after it is deleted', async () => {
    const rules = `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route: [{destination: {host: reviews, subset: v1}}]
`
    await apply(rules)
    for (let i = 0; i < 4; i++) {
      expect(await version(sleep, 'http://reviews:9080/', { 'end-user': 'jason' })).to.equal('v2')
      expect(await version(sleep, 'http://reviews:9080/')).to.equal('v1')
    }
    await remove(rules)
    const seen = new Set<string>()
    for (let i = 0; i < 6; i++) seen.add(await version(sleep, 'http://reviews:9080/'))
    expect([...seen].sort()).to.deep.equal(['v1', 'v2'])
  })

  it('splits 90/10 by weight within ±3 % over 1000 requests', async () => {
    const rules = `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - {destination: {host: reviews, subset: v1}, weight: 90}
    - {destination: {host: reviews, subset: v2}, weight: 10}
`
    await apply(rules)
    let v2 = 0
    for (let i = 0; i < 1000; i++) if ((await version(sleep, 'http://reviews:9080/')) === 'v2') v2++
    await remove(rules)
    expect(v2).to.be.within(70, 130)
  })

  it('delays with a fault so the caller times out, and aborts with one; neither without the rule', async () => {
    const delay = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - fault: {delay: {percent: 100, fixedDelay: 2s}}
    route: [{destination: {host: reviews}}]
`
    await apply(delay)
    const t0 = Date.now()
    const err = await lab.lab.dataPlane.network
      .fetch(sleep, 'http://reviews:9080/', { timeoutMs: 1000 })
      .catch((e: unknown) => e)
    expect((err as { code?: string }).code).to.equal('ETIMEDOUT')
    expect(Date.now() - t0).to.be.within(900, 1900)
    const abort = delay.replace(
      'delay: {percent: 100, fixedDelay: 2s}',
      'abort: {percent: 100, httpStatus: 500}'
    )
    await apply(abort)
    const res = await get(sleep, 'http://reviews:9080/')
    expect([res.status, res.body.toString()]).to.deep.equal([500, 'fault filter abort'])
    await remove(abort)
    expect((await get(sleep, 'http://reviews:9080/', {})).status).to.equal(200)
  })

  it('hides a 30 % flaky backend with retries (≥ 97 % success), not without them', async () => {
    const ok = async (n: number) => {
      let c = 0
      for (let i = 0; i < n; i++) if ((await get(sleep, 'http://flaky:9080/')).status === 200) c++
      return c / n
    }
    expect(await ok(200)).to.be.below(0.85)
    const retries = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: flaky}
spec:
  hosts: [flaky]
  http:
  - route: [{destination: {host: flaky}}]
    retries: {attempts: 3, perTryTimeout: 2s}
`
    await apply(retries)
    expect(await ok(300)).to.be.at.least(0.97)
    await remove(retries)
  })

  it('returns some 503s under 3 concurrent callers with a connection-pool limit, none without', async () => {
    const burst = async () => {
      const codes: number[] = []
      await Promise.all(
        [0, 1, 2].map(async () => {
          for (let i = 0; i < 10; i++) codes.push((await get(sleep, 'http://reviews:9080/')).status)
        })
      )
      return codes.filter((c) => c === 503).length
    }
    const dr = `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 1}
      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
`
    await apply(dr)
    expect(await burst()).to.be.greaterThan(0)
    await remove(dr)
    expect(await burst()).to.equal(0)
  })

  it('ejects the failing pod with outlier detection, and not without it', async () => {
    const fails = async () => {
      let n = 0
      for (let i = 0; i < 40; i++)
        if ((await get(sleep, 'http://outlier:9080/')).status !== 200) n++
      return n
    }
    expect(await fails()).to.be.within(15, 25)
    const dr = `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: outlier}
spec:
  host: outlier
  trafficPolicy:
    outlierDetection: {consecutiveErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}
`
    await apply(dr)
    expect(await fails()).to.be.at.most(1)
    await remove(dr)
  })

  it('enforces mTLS STRICT: 503 without the DestinationRule, 200 with it, reset for a plain client', async () => {
    const strict = `apiVersion: authentication.istio.io/v1alpha1
kind: MeshPolicy
metadata: {name: default}
spec: {peers: [{mtls: {}}]}
`
    const mutual = `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: default, namespace: istio-system}
spec: {host: '*.local', trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
`
    await apply(strict)
    expect((await get(sleep, 'http://reviews:9080/')).status).to.equal(503)
    await apply(mutual)
    expect((await get(sleep, 'http://reviews:9080/')).status).to.equal(200)
    const err = await get(plain, 'http://reviews:9080/').catch((e: unknown) => e)
    expect((err as { code?: string }).code).to.equal('ECONNRESET')
    await remove(mutual)
    await remove(strict)
    expect((await get(sleep, 'http://reviews:9080/')).status).to.equal(200)
    expect((await get(plain, 'http://reviews:9080/')).status).to.equal(200)
  })

  it('lab:up --auth objects (lab/install/istio-auth.yaml): reset for a plain client, 200 for a sidecar; both 200 without them', async () => {
    const file = join(ROOT, 'lab', 'install', 'istio-auth.yaml')
    let r = await lab.kubectl(['apply', '-f', file])
    expect(r.code, r.stderr).to.equal(0)
    await new Promise((res) => setTimeout(res, 300))
    expect((await get(sleep, 'http://reviews:9080/')).status).to.equal(200)
    const err = await get(plain, 'http://reviews:9080/').catch((e: unknown) => e)
    expect((err as { code?: string }).code).to.equal('ECONNRESET')
    r = await lab.kubectl(['delete', '-f', file])
    expect(r.code, r.stderr).to.equal(0)
    await new Promise((res) => setTimeout(res, 300))
    expect((await get(sleep, 'http://reviews:9080/')).status).to.equal(200)
    expect((await get(plain, 'http://reviews:9080/')).status).to.equal(200)
  })

  it('LEAST_CONN prefers the fast endpoint under 8 concurrent callers; ROUND_ROBIN splits evenly', async () => {
    // speed-v2's pods answer 40 ms later (the scenario's `slow` entry); 8 callers × 40 requests; P2C
    // (two picks with replacement, the one with fewer active requests) tops out near 75 %.
    const fastShare = async (simple: string) => {
      await apply(`apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: speed}
spec: {host: speed, trafficPolicy: {loadBalancer: {simple: ${simple}}}}
`)
      const seen: string[] = []
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 40; i++) seen.push(await version(sleep, 'http://speed:9080/'))
        })
      )
      await lab.kubectl(['delete', 'destinationrule', 'speed'])
      await new Promise((res) => setTimeout(res, 300))
      expect(seen).to.have.length(320)
      return seen.filter((v) => v === 'v1').length / seen.length
    }
    const least = await fastShare('LEAST_CONN')
    const rr = await fastShare('ROUND_ROBIN')
    expect(least, `fast share with LEAST_CONN`).to.be.above(0.62)
    expect(rr, `fast share with ROUND_ROBIN`).to.be.within(0.4, 0.6)
  })

  it('answers 429 on the third request of 5 s with a memquota of 2, 200s without the binding', async () => {
    await apply(RATE_LIMIT)
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await get(sleep, 'http://ratings:9080/')).status)
    expect(codes.slice(0, 2)).to.deep.equal([200, 200])
    const third = await get(sleep, 'http://ratings:9080/')
    expect(codes[2]).to.equal(429)
    expect(third.status).to.equal(429)
    expect(third.body.toString()).to.equal(
      'RESOURCE_EXHAUSTED:Quota is exhausted for: requestcount'
    )
    const r = await lab.kubectl([
      '-n',
      'istio-system',
      'delete',
      'quotaspecbinding',
      'request-count',
    ])
    expect(r.code, r.stderr).to.equal(0)
    await new Promise((res) => setTimeout(res, 300))
    for (let i = 0; i < 3; i++)
      expect((await get(sleep, 'http://ratings:9080/')).status).to.equal(200)
  })

  it('serves a Gateway + VirtualService on the ingress gateway; 404 without the VirtualService, refused without the Gateway', async () => {
    const gw = `apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata: {name: reviews-gateway}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: reviews-gw}
spec:
  hosts: ['*']
  gateways: [reviews-gateway]
  http: [{match: [{uri: {prefix: /reviews}}], route: [{destination: {host: reviews, port: {number: 9080}}}]}]
`
    await apply(gw)
    const ip = (
      await lab.kubectl([
        '-n',
        'istio-system',
        'get',
        'pods',
        '-l',
        'istio=ingressgateway',
        '-o',
        'jsonpath={.items[0].status.podIP}',
      ])
    ).stdout
    const host: Origin = { kind: 'host', ip: '127.0.0.1' }
    reports.length = 0
    const res = await get(host, `http://${ip}:80/reviews/1`)
    expect(res.status).to.equal(200)
    expect(res.headers.server).to.equal('envoy')
    expect(JSON.parse(res.body.toString()).app).to.equal('reviews')
    expect(reports.find((r) => r.reporter === 'destination')?.source.workload).to.equal(
      'istio-ingressgateway'
    )
    expect((await get(host, `http://${ip}:80/other`)).status).to.equal(404)
    const [gateway, vs] = gw.split('---\n')
    await remove(vs!)
    expect((await get(host, `http://${ip}:80/reviews/1`)).status).to.equal(404)
    await remove(gateway!)
    const err = await get(host, `http://${ip}:80/reviews/1`).catch((e: unknown) => e)
    expect((err as { code?: string }).code).to.equal('ECONNREFUSED')
  })

  it('istioctl proxy-config and authn tls-check compute from the objects behind the kubeconfig', async () => {
    const ctl = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'istioctl.ts'), ...args], {
        PATH: process.env.PATH,
        KUBECONFIG: lab.kubeconfig,
      })
    const pod = (
      await lab.kubectl([
        'get',
        'pods',
        '-l',
        'app=sleep',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      ])
    ).stdout
    const pc = await ctl(['proxy-config', 'clusters', pod])
    expect(pc.code, pc.stderr).to.equal(0)
    expect(pc.stdout).to.match(/reviews\.default\.svc\.cluster\.local\s+9080\s+-\s+outbound\s+EDS/)
    await until(
      'Citadel to write istio.default',
      async () => (await lab.kubectl(['get', 'secret', 'istio.default'])).code === 0
    )
    const tls = await ctl(['authn', 'tls-check', 'reviews.default.svc.cluster.local', '--certs'])
    expect(tls.stdout).to.match(
      /default\/default\s+URI:spiffe:\/\/cluster\.local\/ns\/default\/sa\/default\s+/
    )
    expect(tls.stdout).to.match(
      /reviews\.default\.svc\.cluster\.local:9080\s+OK\s+HTTP\s+HTTP\s+-\s+-/
    )
  })
})
