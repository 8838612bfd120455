import type { KubeObject } from '../../api/types.js'
import type { MeshConfig } from '../../istio/index.js'
import type { DestinationRuleSpec, TrafficPolicy } from '../model/istio-types.js'
import { nsOf, specOf } from '../model/mesh-objects.js'
import { durationMs } from './duration.js'
import { mostSpecificMatch, resolveShortname, subsetKey } from './hostname.js'
import type { Cluster, LbPolicy, UpstreamTls } from './types.js'

/** Envoy's circuit-breaker defaults (circuit_breaker.proto, v1.6). */
export const ENVOY_CB_DEFAULTS = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
} as const

/** Returns a STATIC cluster with a 1s connect timeout and Envoy's defaults (inbound, BlackHole). */
export function staticCluster(name: string): Cluster {
  return {
    name,
    type: 'STATIC',
    connectTimeoutMs: 1000,
    lbPolicy: 'ROUND_ROBIN',
    circuitBreakers: { ...ENVOY_CB_DEFAULTS },
  }
}

/** Envoy's outlier-detection defaults. */
export const ENVOY_OUTLIER_DEFAULTS = {
  consecutive5xx: 5,
  intervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  maxEjectionPercent: 10,
} as const

/** The certificate files Pilot rewrites ISTIO_MUTUAL to. */
export const ISTIO_CERTS = {
  root: '/etc/certs/root-cert.pem',
  chain: '/etc/certs/cert-chain.pem',
  key: '/etc/certs/key.pem',
} as const

/** Returns the DestinationRule that applies to a hostname (most specific host), if any. */
export function destinationRuleFor(
  rules: readonly KubeObject[],
  hostname: string
): KubeObject | undefined {
  const byHost = new Map<string, KubeObject>()
  for (const r of rules) {
    const h = resolveShortname(specOf<DestinationRuleSpec>(r).host ?? '', nsOf(r))
    if (!byHost.has(h)) byHost.set(h, r)
  }
  const best = mostSpecificMatch(hostname, [...byHost.keys()])
  return best === undefined ? undefined : byHost.get(best)
}

type Parts = Omit<TrafficPolicy, 'portLevelSettings'>

/** Returns the four policy parts for a port (`SelectTrafficPolicyComponents`). */
export function policyForPort(p: TrafficPolicy | undefined, port: number): Parts {
  if (!p) return {}
  const pl = p.portLevelSettings?.find((s) => s.port?.number === port)
  return pl ?? p
}

function lbPolicy(p: Parts): { lbPolicy: LbPolicy; extra: Partial<Cluster> } {
  const ch = p.loadBalancer?.consistentHash
  if (ch) {
    const hashPolicy: Cluster['hashPolicy'] = ch.httpHeaderName
      ? { header: ch.httpHeaderName }
      : ch.httpCookie
        ? {
            cookie: {
              name: ch.httpCookie.name ?? '',
              ...(ch.httpCookie.path ? { path: ch.httpCookie.path } : {}),
              ...(ch.httpCookie.ttl ? { ttlMs: durationMs(ch.httpCookie.ttl) ?? 0 } : {}),
            },
          }
        : { sourceIp: true }
    return {
      lbPolicy: 'RING_HASH',
      extra: { hashPolicy, minimumRingSize: ch.minimumRingSize || 1024 },
    }
  }
  const simple: Record<string, LbPolicy> = {
    ROUND_ROBIN: 'ROUND_ROBIN',
    LEAST_CONN: 'LEAST_REQUEST',
    RANDOM: 'RANDOM',
    PASSTHROUGH: 'ORIGINAL_DST_LB',
  }
  return { lbPolicy: simple[p.loadBalancer?.simple ?? 'ROUND_ROBIN'] ?? 'ROUND_ROBIN', extra: {} }
}

/** Applies one set of policy parts to a cluster (later calls override per part, as for subsets). */
export function applyPolicy(c: Cluster, p: Parts, sans: string[]): void {
  if (p.loadBalancer) {
    const lb = lbPolicy(p)
    c.lbPolicy = lb.lbPolicy
    delete c.hashPolicy
    delete c.minimumRingSize
    Object.assign(c, lb.extra)
  }
  const cp = p.connectionPool
  if (cp) {
    const pos = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined)
    c.circuitBreakers = {
      maxConnections: pos(cp.tcp?.maxConnections) ?? c.circuitBreakers.maxConnections,
      maxPendingRequests:
        pos(cp.http?.http1MaxPendingRequests) ?? c.circuitBreakers.maxPendingRequests,
      maxRequests: pos(cp.http?.http2MaxRequests) ?? c.circuitBreakers.maxRequests,
      maxRetries: pos(cp.http?.maxRetries) ?? c.circuitBreakers.maxRetries,
    }
    const mrpc = pos(cp.http?.maxRequestsPerConnection)
    if (mrpc) c.maxRequestsPerConnection = mrpc
    const ct = durationMs(cp.tcp?.connectTimeout)
    if (ct) c.connectTimeoutMs = ct
  }
  const od = p.outlierDetection
  if (od) {
    c.outlierDetection = {
      consecutive5xx: od.consecutiveErrors || ENVOY_OUTLIER_DEFAULTS.consecutive5xx,
      intervalMs: durationMs(od.interval) || ENVOY_OUTLIER_DEFAULTS.intervalMs,
      baseEjectionTimeMs:
        durationMs(od.baseEjectionTime) || ENVOY_OUTLIER_DEFAULTS.baseEjectionTimeMs,
      maxEjectionPercent: od.maxEjectionPercent || ENVOY_OUTLIER_DEFAULTS.maxEjectionPercent,
    }
  }
  if (p.tls) {
    const tls = upstreamTls(p.tls, sans)
    if (tls) c.tls = tls
    else delete c.tls
  }
}

function upstreamTls(t: NonNullable<Parts['tls']>, sans: string[]): UpstreamTls | undefined {
  switch (t.mode ?? 'DISABLE') {
    case 'ISTIO_MUTUAL':
      return {
        mode: 'ISTIO_MUTUAL',
        certChain: ISTIO_CERTS.chain,
        privateKey: ISTIO_CERTS.key,
        caCertificates: ISTIO_CERTS.root,
        subjectAltNames: sans,
        alpn: ['istio'],
      }
    case 'MUTUAL':
    case 'SIMPLE':
      return {
        mode: t.mode as 'MUTUAL' | 'SIMPLE',
        ...(t.clientCertificate ? { certChain: t.clientCertificate } : {}),
        ...(t.privateKey ? { privateKey: t.privateKey } : {}),
        ...(t.caCertificates ? { caCertificates: t.caCertificates } : {}),
        subjectAltNames: t.subjectAltNames ?? [],
        ...(t.sni ? { sni: t.sni } : {}),
        alpn: [],
      }
    default:
      return undefined
  }
}

/** What an outbound cluster is built from. */
export interface OutboundClusterInput {
  hostname: string
  port: number
  external: boolean
  /** SPIFFE names of the service's endpoints' service accounts. */
  sans: string[]
  rule: KubeObject | undefined
  mesh: MeshConfig
}

/** Returns the outbound clusters of one service port: the default one, then one per subset. */
export function outboundClusters(i: OutboundClusterInput): Cluster[] {
  const base = (subset: string): Cluster => ({
    name: subsetKey('outbound', subset, i.hostname, i.port),
    type: i.external ? 'STRICT_DNS' : 'EDS',
    connectTimeoutMs: durationMs(i.mesh.connectTimeout) ?? 10_000,
    lbPolicy: 'ROUND_ROBIN',
    circuitBreakers: { ...ENVOY_CB_DEFAULTS },
    service: { hostname: i.hostname, subset, port: i.port },
    // Mesh-wide authPolicy MUTUAL_TLS (the pre-Policy switch) turns on mTLS for every cluster.
    ...(i.mesh.authPolicy === 'MUTUAL_TLS' && !i.external
      ? { tls: upstreamTls({ mode: 'ISTIO_MUTUAL' }, i.sans)! }
      : {}),
  })
  const spec = i.rule ? specOf<DestinationRuleSpec>(i.rule) : undefined
  const top = policyForPort(spec?.trafficPolicy, i.port)
  const main = base('')
  applyPolicy(main, top, i.sans)
  const out = [main]
  for (const s of spec?.subsets ?? []) {
    if (!s.name) continue
    const c = base(s.name)
    applyPolicy(c, top, i.sans)
    applyPolicy(c, policyForPort(s.trafficPolicy, i.port), i.sans)
    out.push(c)
  }
  return out
}

/** Returns the subset labels of a cluster's subset from the rule. */
export function subsetLabels(
  rule: KubeObject | undefined,
  subset: string
): Record<string, string> | undefined {
  if (!subset) return {}
  if (!rule) return undefined
  return specOf<DestinationRuleSpec>(rule).subsets?.find((s) => s.name === subset)?.labels
}
