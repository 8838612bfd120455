/**
 * CoreDNS 1.1.3's `prometheus` plugin metrics (plugin/metrics/vars: names, help, labels, buckets),
 * counted per CoreDNS pod from the queries the lab's cluster DNS answered and kube-proxy sent to
 * that pod. The Corefile of kubeadm 1.11 has one server block `.:53`, so every query has
 * `server="dns://:53"` and `zone="."`; a pod's resolver asks over UDP from an IPv4 address
 * (`proto="udp"`, `family="1"`). The exposition is client_golang's text format: families sorted
 * by name, a vector appearing once it has a child, label pairs sorted by name, `le` last.
 */
import { answerSize, querySize } from './dns-wire.js'

/** A query as the cluster DNS reports it (see the network's DnsQuery). */
export interface ObservedDnsQuery {
  server: string | undefined
  name: string
  type: string
  answers: readonly string[] | undefined
  domain: string
  seconds: number
}

const SERVER = 'dns://:53'
const ZONE = '.'
/** plugin.TimeBuckets: ExponentialBuckets(0.00025, 2, 16). */
export const timeBuckets = Array.from({ length: 16 }, (_, i) => 0.00025 * 2 ** i)
/** The request and response size buckets. */
export const sizeBuckets = [
  0, 100, 200, 300, 400, 511, 1023, 2047, 4095, 8291, 16e3, 32e3, 48e3, 64e3,
]
// vars/report.go's monitorType: other query types are counted as "other".
const MONITORED_TYPES = new Set(
  'AAAA A CNAME DNSKEY DS MX NSEC3 NSEC NS PTR RRSIG SOA SRV TXT IXFR AXFR ANY'.split(' ')
)

interface Histogram {
  counts: number[]
  sum: number
  count: number
}

/** One CoreDNS pod's counters. */
interface PodCounters {
  requests: number
  types: Map<string, number>
  rcodes: Map<string, number>
  duration: Histogram
  requestSize: Histogram
  responseSize: Histogram
}

const histogram = (bounds: readonly number[]): Histogram => ({
  counts: bounds.map(() => 0),
  sum: 0,
  count: 0,
})

function observe(h: Histogram, bounds: readonly number[], v: number): void {
  h.count++
  h.sum += v
  for (let i = 0; i < bounds.length; i++) if (v <= bounds[i]!) h.counts[i]!++
}

/** Go's `strconv.FormatFloat(v, 'g', -1, 64)`, as client_golang writes values and bounds. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  if (v === 0) return '0'
  const [mantissa, e] = v.toExponential().split('e') as [string, string]
  const exp = Number(e)
  if (exp < -4 || exp >= 6)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
  return String(v)
}

const labels = (pairs: [string, string][]): string =>
  `{${pairs.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',')}}`

/** Counts the cluster DNS's queries per CoreDNS pod and renders each pod's `/metrics`. */
export class CorednsMetrics {
  private readonly pods = new Map<string, PodCounters>()

  /** Counts one answered query on the pod it went to (none when kube-dns had no endpoint). */
  observe(q: ObservedDnsQuery): void {
    if (q.server === undefined) return
    let c = this.pods.get(q.server)
    if (!c) {
      c = {
        requests: 0,
        types: new Map(),
        rcodes: new Map(),
        duration: histogram(timeBuckets),
        requestSize: histogram(sizeBuckets),
        responseSize: histogram(sizeBuckets),
      }
      this.pods.set(q.server, c)
    }
    c.requests++
    const type = MONITORED_TYPES.has(q.type) ? q.type : 'other'
    c.types.set(type, (c.types.get(type) ?? 0) + 1)
    const rcode = q.answers?.length ? 'NOERROR' : 'NXDOMAIN'
    c.rcodes.set(rcode, (c.rcodes.get(rcode) ?? 0) + 1)
    observe(c.duration, timeBuckets, q.seconds)
    observe(c.requestSize, sizeBuckets, querySize(q.name))
    observe(c.responseSize, sizeBuckets, answerSize(q.name, q.answers, q.domain))
  }

  /** Returns the exposition the CoreDNS pod at `podIp` serves on `:9153/metrics`. */
  exposition(podIp: string): string {
    const c = this.pods.get(podIp)
    const out: string[] = []
    const family = (name: string, help: string, type: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    const hist = (
      name: string,
      h: Histogram,
      bounds: readonly number[],
      base: [string, string][]
    ) => {
      bounds.forEach((b, i) =>
        out.push(`${name}_bucket${labels([...base, ['le', goFloat(b)]])} ${goFloat(h.counts[i]!)}`)
      )
      out.push(`${name}_bucket${labels([...base, ['le', '+Inf']])} ${goFloat(h.count)}`)
      out.push(`${name}_sum${labels(base)} ${goFloat(h.sum)}`)
      out.push(`${name}_count${labels(base)} ${goFloat(h.count)}`)
    }
    if (c) {
      const zone: [string, string][] = [
        ['server', SERVER],
        ['zone', ZONE],
      ]
      const proto: [string, string][] = [
        ['proto', 'udp'],
        ['server', SERVER],
        ['zone', ZONE],
      ]
      family(
        'coredns_dns_request_count_total',
        'Counter of DNS requests made per zone, protocol and family.',
        'counter'
      )
      out.push(
        `coredns_dns_request_count_total${labels([['family', '1'], ...proto])} ${goFloat(c.requests)}`
      )
      family(
        'coredns_dns_request_duration_seconds',
        'Histogram of the time (in seconds) each request took.',
        'histogram'
      )
      hist('coredns_dns_request_duration_seconds', c.duration, timeBuckets, zone)
      family(
        'coredns_dns_request_size_bytes',
        'Size of the EDNS0 UDP buffer in bytes (64K for TCP).',
        'histogram'
      )
      hist('coredns_dns_request_size_bytes', c.requestSize, sizeBuckets, proto)
      family(
        'coredns_dns_request_type_count_total',
        'Counter of DNS requests per type, per zone.',
        'counter'
      )
      for (const [type, n] of [...c.types].sort(([a], [b]) => (a < b ? -1 : 1)))
        out.push(
          `coredns_dns_request_type_count_total${labels([
            ['server', SERVER],
            ['type', type],
            ['zone', ZONE],
          ])} ${goFloat(n)}`
        )
      family(
        'coredns_dns_response_rcode_count_total',
        'Counter of response status codes.',
        'counter'
      )
      for (const [rcode, n] of [...c.rcodes].sort(([a], [b]) => (a < b ? -1 : 1)))
        out.push(
          `coredns_dns_response_rcode_count_total${labels([
            ['rcode', rcode],
            ['server', SERVER],
            ['zone', ZONE],
          ])} ${goFloat(n)}`
        )
      family(
        'coredns_dns_response_size_bytes',
        'Size of the returned response in bytes.',
        'histogram'
      )
      hist('coredns_dns_response_size_bytes', c.responseSize, sizeBuckets, proto)
    }
    family('coredns_panic_count_total', 'A metrics that counts the number of panics.', 'counter')
    out.push('coredns_panic_count_total 0')
    return `${out.join('\n')}\n`
  }
}
