import { expect } from 'chai'
import { join } from 'node:path'
import { ROOT, until } from './support/lab-fixture.js'
import { startPageLab, type Answer, type PageLab } from './support/page-lab.js'

// Istio 1.0's traffic management on the page's own lab: `lab:up` (the cluster, Istio 1.0.0, the
// ONAP releases onap, msb, vfc and multicloud in namespace onap with their sidecars), then only
// what a user does: `kubectl apply` of Istio 1.0 YAML (test/testdata/mesh-page-lab/), requests
// on msb-iag's NodePort and curl in onap's pods. Each behaviour has its negative case.

const DATA = join(ROOT, 'test', 'testdata', 'mesh-page-lab')
const yaml = (name: string) => join(DATA, `${name}.yaml`)
const MSB_IAG = 30280
const INGRESS = 31380
const VIO = '/api/multicloud-vio/v0/swagger.json'
const OCATA = '/api/multicloud-ocata/v0/swagger.json'
const WINDRIVER = '/api/multicloud-titanium_cloud/v0/swagger.json'
const VIO_URL = `http://multicloud-vio:9004${VIO}`
const VIO_FQDN = 'multicloud-vio.onap.svc.cluster.local'

const statusLines = (out: string) => out.trim().split('\n').filter(Boolean)
const share = (answers: Answer[], status: number) =>
  answers.filter((a) => a.status === status).length / answers.length
const figure = (text: string) => console.log(`      → ${text}`)

describe('Istio 1.0 on the page lab: ONAP services in onap (kubectl, msb-iag NodePort, in-pod curl)', function () {
  this.timeout(360_000)
  let lab: PageLab
  let vio: { v1: string; v2: string }
  const msbIag = (path: string, o: Parameters<PageLab['nodePort']>[2] = {}) =>
    lab.nodePort(MSB_IAG, path, o)
  // Lines of one client (its user agent) in each multicloud-vio version's inbound proxy log.
  const servedBy = async (ua: string) => ({
    v1: (await lab.proxyLog(vio.v1, ua)).length,
    v2: (await lab.proxyLog(vio.v2, ua)).length,
  })

  before(async function () {
    this.timeout(300_000)
    lab = await startPageLab(yaml('scenario'))
    // A canary of multicloud-vio next to the chart's pods: the chart's Deployment gets the
    // `version: v1` label (a rollout), the canary carries `version: v2`.
    await lab.apply(yaml('multicloud-vio-v2'))
    const patch = await lab.kubectl([
      '-n',
      'onap',
      'patch',
      'deployment',
      'multicloud-multicloud-vio',
      '-p',
      '{"spec":{"template":{"metadata":{"labels":{"version":"v1"}}}}}',
    ])
    expect(patch.code, patch.stderr).to.equal(0)
    for (const d of ['multicloud-multicloud-vio', 'multicloud-vio-v2']) {
      const r = await lab.kubectl(['-n', 'onap', 'rollout', 'status', `deployment/${d}`])
      expect(r.code, r.stderr).to.equal(0)
    }
    await lab.endpoints('multicloud-vio', 2)
    const [v1] = await lab.pods('app=multicloud-vio,version=v1')
    const [v2] = await lab.pods('app=multicloud-vio,version=v2')
    vio = { v1: v1!, v2: v2! }
    // kube2msb has registered the services: msb-iag routes to each.
    await until('msb-iag to route to multicloud-vio, -ocata and -windriver', async () => {
      const got = await Promise.all([VIO, OCATA, WINDRIVER].map((p) => msbIag(p).catch(() => [])))
      return got.every(([a]) => a?.status === 200)
    })
  })
  after(async () => lab?.stop())

  it('routes multicloud-vio by the end-user header to v2 (msb-iag NodePort, in-pod curl); both versions without the VirtualService', async () => {
    await lab.apply(yaml('vio-subsets'), yaml('vio-by-header'))
    await msbIag(VIO, { n: 5, headers: { 'end-user': 'jason', 'user-agent': 'hdr-jason' } })
    await msbIag(VIO, { n: 5, headers: { 'user-agent': 'hdr-anon' } })
    expect(await servedBy('hdr-jason')).to.deep.equal({ v1: 0, v2: 5 })
    expect(await servedBy('hdr-anon')).to.deep.equal({ v1: 5, v2: 0 })
    // From a pod of onap with a sidecar, straight to the Service.
    const r = await lab.inPod('deploy/multicloud-multicloud-ocata', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}\\n',
      '-H',
      'end-user: jason',
      '-A',
      'pod-jason',
      ...Array<string>(4).fill(VIO_URL),
    ])
    expect(statusLines(r.stdout), r.stderr).to.deep.equal(['200', '200', '200', '200'])
    expect(await servedBy('pod-jason')).to.deep.equal({ v1: 0, v2: 4 })
    await lab.remove(yaml('vio-by-header'))
    await msbIag(VIO, { n: 10, headers: { 'end-user': 'jason', 'user-agent': 'hdr-gone' } })
    const gone = await servedBy('hdr-gone')
    expect(gone.v1 + gone.v2).to.equal(10)
    expect(gone.v1, 'v1 serves jason once the rule is gone').to.be.greaterThan(0)
    await lab.remove(yaml('vio-subsets'))
  })

  it('splits multicloud-vio 90/10 by weight over 1,000 requests through msb-iag within ±3 %; evenly without the VirtualService', async () => {
    await lab.apply(yaml('vio-subsets'), yaml('vio-by-weight'))
    const answers = await msbIag(VIO, {
      n: 1000,
      concurrency: 4,
      headers: { 'user-agent': 'split-90-10' },
    })
    expect(share(answers, 200)).to.equal(1)
    const split = await servedBy('split-90-10')
    figure(`90/10 split over 1000 requests: v1 ${split.v1}, v2 ${split.v2}`)
    expect(split.v1 + split.v2).to.equal(1000)
    expect(split.v2).to.be.within(70, 130)
    await lab.remove(yaml('vio-by-weight'), yaml('vio-subsets'))
    await msbIag(VIO, { n: 200, concurrency: 4, headers: { 'user-agent': 'split-none' } })
    const even = await servedBy('split-none')
    figure(`without the VirtualService: v1 ${even.v1}, v2 ${even.v2}`)
    expect(even.v1 + even.v2).to.equal(200)
    expect(even.v2).to.be.within(70, 130)
  })

  it("a 2 s delay on multicloud-ocata trips a 1 s timeout of msb-iag's caller (504); neither without the rules", async () => {
    await lab.apply(yaml('ocata-delay'), yaml('msb-iag-timeout'))
    // multicloud-vio calls MSB as its chart configures it (MSB_ADDR msb-iag.onap, port 80).
    const url = `http://msb-iag.onap${OCATA}`
    const w = ['-s', '-w', '\\n%{http_code} %{time_total}\\n']
    const r = await lab.meshLabCurl('deploy/multicloud-vio-v2', [...w, url])
    expect(r.code, r.stderr).to.equal(0)
    const [body, last] = statusLines(r.stdout)
    const [code, secs] = last!.split(' ')
    expect([body, code]).to.deep.equal(['upstream request timeout', '504'])
    expect(Number(secs)).to.be.within(0.9, 1.9)
    // Without the caller's timeout the delay is only waited out; without the delay it is fast.
    await lab.remove(yaml('msb-iag-timeout'))
    const slow = statusLines(
      (await lab.inPod('deploy/multicloud-vio-v2', [...w, '-o', '/dev/null', url])).stdout
    )
    expect(slow[0]!.split(' ')[0]).to.equal('200')
    expect(Number(slow[0]!.split(' ')[1])).to.be.within(1.9, 4)
    await lab.remove(yaml('ocata-delay'))
    const fast = statusLines(
      (await lab.inPod('deploy/multicloud-vio-v2', [...w, '-o', '/dev/null', url])).stdout
    )
    expect(fast[0]!.split(' ')[0]).to.equal('200')
    expect(Number(fast[0]!.split(' ')[1])).to.be.below(1)
  })

  it('an abort fault on multicloud-vio answers 503 "fault filter abort" through msb-iag; 200 without it', async () => {
    await lab.apply(yaml('vio-abort'))
    const [a] = await msbIag(VIO, { headers: { 'user-agent': 'abort' } })
    expect([a!.status, a!.body]).to.deep.equal([503, 'fault filter abort'])
    // The caller's sidecar (msb-iag's) answered: multicloud-vio saw nothing.
    expect(await servedBy('abort')).to.deep.equal({ v1: 0, v2: 0 })
    await lab.remove(yaml('vio-abort'))
    const [b] = await msbIag(VIO)
    expect(b!.status).to.equal(200)
  })

  it('retries hide the 30 % flaky multicloud-ocata v2 (≥ 97 % through msb-iag), its proxy and Mixer see them; ~70 % without', async () => {
    // The flaky canary (the scenario's flaky-ocata-v2) comes for this case only.
    await lab.apply(yaml('multicloud-ocata-v2'))
    await lab.endpoints('multicloud-ocata', 2)
    const before = await requests(lab)
    await lab.apply(yaml('ocata-v2-no-retries'))
    const without = share(
      await msbIag(OCATA, { n: 100, headers: { 'user-agent': 'no-retry' } }),
      200
    )
    await lab.apply(yaml('ocata-v2-retries'))
    const answers = await msbIag(OCATA, {
      n: 300,
      concurrency: 2,
      headers: { 'user-agent': 'retry' },
    })
    const withRetries = share(answers, 200)
    const [pod] = await lab.pods('app=multicloud-ocata,version=v2')
    const seen = await lab.proxyLog(pod!, 'retry')
    const seenBefore = (await lab.proxyLog(pod!, 'no-retry')).length
    const failed = seen.filter((l) => /" 503 /.test(l)).length
    figure(
      `success without retries ${(without * 100).toFixed(1)} %, with ${(withRetries * 100).toFixed(1)} %; ` +
        `the backend's proxy saw ${seen.length} requests for 300 (${failed} answered 503)`
    )
    expect(without).to.be.within(0.5, 0.85)
    expect(withRetries).to.be.at.least(0.97)
    expect(seen.length - failed).to.equal(answers.filter((a) => a.status === 200).length)
    expect(failed).to.be.greaterThan(0)
    // Mixer's istio_requests_total: the destination reports every attempt, the source one per request.
    let after = before
    await until(
      'Mixer to count the 400 requests',
      async () => {
        after = await requests(lab)
        return after.source - before.source >= 400
      },
      20_000,
      500
    )
    expect(after.source - before.source).to.equal(400)
    expect(after.destination - before.destination).to.equal(seenBefore + seen.length)
    expect(after.destination503 - before.destination503).to.be.at.least(failed)
    await lab.remove(yaml('ocata-v2-no-retries'), yaml('multicloud-ocata-v2'))
  })

  it('a connection-pool limit returns some 503s with x-envoy-overloaded to 3 concurrent callers of msb-iag; none without it', async () => {
    const burst = () => msbIag(WINDRIVER, { n: 30, concurrency: 3 })
    await lab.apply(yaml('windriver-connection-pool'))
    const limited = await burst()
    const overloaded = limited.filter((a) => a.status === 503)
    figure(
      `3 callers × 30 requests with maxConnections 1, http1MaxPendingRequests 1: ${overloaded.length} × 503`
    )
    expect(overloaded.length).to.be.within(1, 29)
    for (const a of overloaded) expect(a.headers['x-envoy-overloaded']).to.equal('true')
    await lab.remove(yaml('windriver-connection-pool'))
    expect(share(await burst(), 200)).to.equal(1)
  })

  it('outlier detection ejects the failing multicloud-windriver v2 pod; without it half the calls fail', async () => {
    await lab.apply(yaml('multicloud-windriver-v2'))
    await lab.endpoints('multicloud-windriver', 2)
    const failures = async () =>
      (await msbIag(WINDRIVER, { n: 40 })).filter((a) => a.status !== 200).length
    const without = await failures()
    await lab.apply(yaml('windriver-outlier'))
    const withRule = await failures()
    figure(`failures of 40 calls: ${without} without outlier detection, ${withRule} with it`)
    expect(without).to.be.within(15, 25)
    expect(withRule).to.be.at.most(1)
    await lab.remove(yaml('windriver-outlier'), yaml('multicloud-windriver-v2'))
  })

  it('mTLS STRICT on multicloud-vio: 503 through msb-iag without the ISTIO_MUTUAL DestinationRule, 200 with it, a reset for a pod without a sidecar; 200s without the Policy', async () => {
    await lab.apply(yaml('vio-strict'))
    const [strict] = await msbIag(VIO)
    expect([strict!.status, strict!.body]).to.deep.equal([
      503,
      'upstream connect error or disconnect/reset before headers',
    ])
    // istioctl says why: the server wants mTLS, the clients speak plain HTTP.
    const tlsCheck = async () => {
      const r = await lab.meshLab(['istioctl', 'authn', 'tls-check', VIO_FQDN])
      expect(r.code, r.stderr).to.equal(0)
      return r.stdout.split('\n')[1]!.trim().split(/\s+/)
    }
    expect(await tlsCheck()).to.deep.equal([
      `${VIO_FQDN}:9004`,
      'CONFLICT',
      'mTLS',
      'HTTP',
      'multicloud-vio-strict/onap',
      '-',
    ])
    await lab.apply(yaml('vio-istio-mutual'))
    expect((await msbIag(VIO))[0]!.status).to.equal(200)
    expect(await tlsCheck()).to.deep.equal([
      `${VIO_FQDN}:9004`,
      'OK',
      'mTLS',
      'mTLS',
      'multicloud-vio-strict/onap',
      'multicloud-vio/onap',
    ])
    // multicloud's framework pod has no sidecar on the page: plain text to a STRICT server.
    const plain = ['-sS', '-o', '/dev/null', '-w', '%{http_code}', VIO_URL]
    const reset = await lab.meshLabCurl('deploy/multicloud-multicloud', plain)
    expect([reset.code, reset.stdout]).to.deep.equal([56, '000'])
    expect(reset.stderr).to.contain('curl: (56) Recv failure: Connection reset by peer')
    await lab.remove(yaml('vio-istio-mutual'), yaml('vio-strict'))
    expect((await msbIag(VIO))[0]!.status).to.equal(200)
    const ok = await lab.inPod('deploy/multicloud-multicloud', plain)
    expect([ok.code, ok.stdout]).to.deep.equal([0, '200'])
  })

  it('a Mixer quota of 2 requests per 5 s on multicloud-vio answers 429 on the third; 200s without the QuotaSpecBinding', async () => {
    // The quota's dimensions hold destinationVersion: each version has its own 2 per 5 s, so the
    // canary is removed first and the third request surely meets an exhausted bucket.
    await lab.remove(yaml('multicloud-vio-v2'))
    await lab.endpoints('multicloud-vio', 1)
    await lab.apply(yaml('vio-rate-limit'))
    const answers = await msbIag(VIO, { n: 3 })
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 429])
    expect(answers[2]!.body).to.equal('RESOURCE_EXHAUSTED:Quota is exhausted for: requestcount')
    const r = await lab.kubectl([
      '-n',
      'istio-system',
      'delete',
      'quotaspecbinding',
      'request-count',
    ])
    expect(r.code, r.stderr).to.equal(0)
    await lab.settle()
    expect((await msbIag(VIO, { n: 3 })).map((a) => a.status)).to.deep.equal([200, 200, 200])
  })

  it("serves msb-iag behind the ingress gateway's NodePort 31380 (msb-istio-gateway.yaml); 404 without the VirtualService, no answer without the Gateway", async () => {
    const file = yaml('msb-istio-gateway')
    await lab.apply(file)
    const [a] = await lab.nodePort(INGRESS, VIO)
    expect([a!.status, a!.headers.server]).to.deep.equal([200, 'envoy'])
    expect(JSON.parse(a!.body).basePath).to.equal('/api/multicloud-vio/v0/')
    // The gateway's Envoy logs each request to its own container, as 1.0's gateways do.
    const gateway = await lab.kubectl(['-n', 'istio-system', 'logs', 'deploy/istio-ingressgateway'])
    expect(gateway.code, gateway.stderr).to.equal(0)
    expect(gateway.stdout).to.match(
      /"GET \/api\/multicloud-vio\/v0\/swagger\.json HTTP\/1\.1" 200 /
    )
    const vs = await lab.kubectl(['-n', 'onap', 'delete', 'virtualservice', 'msb-iag-gateway'])
    expect(vs.code, vs.stderr).to.equal(0)
    await lab.settle()
    expect((await lab.nodePort(INGRESS, VIO))[0]!.status).to.equal(404)
    const gw = await lab.kubectl(['-n', 'onap', 'delete', 'gateway', 'msb-iag-gateway'])
    expect(gw.code, gw.stderr).to.equal(0)
    await lab.settle()
    // No listener on the gateway's port 80 any more (a real cluster refuses the connection).
    const err = await lab.nodePort(INGRESS, VIO).catch((e: unknown) => e)
    expect(err).to.be.instanceOf(Error)
  })
})

/** multicloud-ocata v2's istio_requests_total from Mixer's Prometheus endpoint (istio-telemetry:42422), read in a pod. */
async function requests(
  lab: PageLab
): Promise<{ source: number; destination: number; destination503: number }> {
  const r = await lab.inPod('deploy/multicloud-multicloud', [
    '-s',
    'http://istio-telemetry.istio-system:42422/metrics',
  ])
  expect(r.code, r.stderr).to.equal(0)
  const sum = (want: string[]) =>
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('istio_requests_total{') && want.every((w) => l.includes(w)))
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)
  const ocata = ['destination_app="multicloud-ocata"', 'destination_version="v2"']
  return {
    source: sum([...ocata, 'reporter="source"']),
    destination: sum([...ocata, 'reporter="destination"']),
    destination503: sum([...ocata, 'reporter="destination"', 'response_code="503"']),
  }
}
