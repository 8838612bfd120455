import { expect } from 'chai'
import { kubectlTrace } from './nodeport-kubectl.js'

/** Epoch ms of a local time of day today (kubectl's klog prints local times). */
const today = (h: number, m: number, s: number) => {
  const d = new Date()
  d.setHours(h, m, Math.floor(s), 0)
  return d.getTime() + (s % 1) * 1000
}

// The lines kubectl 1.33 prints at -v=9 for `get pods -A` with a warm discovery cache.
const STDERR = [
  'I1206 11:39:00.499272   17242 loader.go:402] Config loaded from file:  /tmp/lab/kubeconfig',
  'I1206 11:39:00.499481   17242 envvar.go:172] "Feature gate default state" feature="WatchListClient" enabled=false',
  'I1206 11:39:00.519172   17242 helper.go:113] "Request Body" body=""',
  'I1206 11:39:00.519218   17242 round_trippers.go:527] "Request" curlCommand=<',
  "\tcurl -v -XGET  'https://127.0.0.1:34521/api/v1/pods?limit=500'",
  ' >',
  'I1206 11:39:00.539518   17242 round_trippers.go:562] "HTTP Trace: Dial succeed" network="tcp" address="127.0.0.1:34521"',
  'I1206 11:39:00.543400   17242 round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:34521/api/v1/pods?limit=500" status="200 OK" headers=<',
  '\tContent-Type: application/json',
  ' > milliseconds=24 dnsLookupMilliseconds=0 dialMilliseconds=20 tlsHandshakeMilliseconds=1 serverProcessingMilliseconds=2',
  'I1206 11:39:00.543456   17242 helper.go:113] "Response Body" body="{}"',
].join('\n')

describe('kubectlTrace()', () => {
  it("splits a traced run's wall time into start, setup, request (dial, TLS, server) and exit", () => {
    const t = kubectlTrace(STDERR, today(11, 39, 0.45), today(11, 39, 0.56))
    expect(t).to.not.equal(undefined)
    expect(t!.startMs).to.be.closeTo(49.272, 0.001)
    expect(t!.setupMs).to.be.closeTo(19.946, 0.001)
    expect([t!.requestMs, t!.dialMs, t!.tlsMs, t!.serverMs]).to.deep.equal([24, 20, 1, 2])
    expect(t!.afterMs).to.be.closeTo(16.6, 0.01)
    expect(t!.wallMs).to.be.closeTo(110, 0.01)
  })

  it('reads a request on a reused connection (no dial or TLS) as 0 ms of each', () => {
    const reused = STDERR.replace(
      / dnsLookupMilliseconds=0 dialMilliseconds=20 tlsHandshakeMilliseconds=1/,
      ''
    )
    const t = kubectlTrace(reused, today(11, 39, 0.45), today(11, 39, 0.56))
    expect([t!.requestMs, t!.dialMs, t!.tlsMs, t!.serverMs]).to.deep.equal([24, 0, 0, 2])
  })

  it('returns undefined for a log without the request (a failed run, another verbosity)', () => {
    const noResponse = STDERR.split('\n').slice(0, 6).join('\n')
    expect(kubectlTrace(noResponse, today(11, 39, 0.45), today(11, 39, 0.56))).to.equal(undefined)
    expect(kubectlTrace('error: You must be logged in', 0, 1)).to.equal(undefined)
  })
})
