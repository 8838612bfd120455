/**
 * One proxy's configuration as Pilot 1.0.0 pushes it (xDS v2, trimmed to what the emulated Envoy
 * executes and `istioctl proxy-config` prints). Durations are milliseconds; 0 means disabled.
 */

/** An Envoy `HeaderMatcher` / path match: one of exact, prefix, regex. */
export interface EnvoyStringMatch {
  exact?: string
  prefix?: string
  regex?: string
}

/** A route's match (`RouteMatch`). */
export interface RouteMatch {
  /** Path match: `path` (exact), `prefix` or `regex`. */
  path?: string
  prefix?: string
  regex?: string
  headers: { name: string; match: EnvoyStringMatch }[]
}

/** A cluster with its weight in `weighted_clusters`. */
export interface WeightedCluster {
  name: string
  weight: number
}

/** A route's retry policy. */
export interface RetryPolicy {
  retryOn: string
  numRetries: number
  perTryTimeoutMs: number
}

/** The per-route `envoy.fault` filter config. */
export interface FaultConfig {
  delay?: { type: 'FIXED'; percent: number; fixedDelayMs: number }
  abort?: { percent: number; httpStatus: number }
}

/** One Envoy route. */
export interface Route {
  match: RouteMatch
  /** One cluster, or several weighted ones (exactly one of the two). */
  cluster?: string
  weightedClusters?: WeightedCluster[]
  redirect?: { pathRedirect?: string; hostRedirect?: string }
  prefixRewrite?: string
  hostRewrite?: string
  timeoutMs: number
  retryPolicy?: RetryPolicy
  fault?: FaultConfig
  mirrorCluster?: string
  requestHeadersToAdd: { key: string; value: string }[]
  /** The route decorator: the span's operation name. */
  decorator: string
}

/** A virtual host of a route configuration. */
export interface VirtualHost {
  name: string
  domains: string[]
  routes: Route[]
}

/** An RDS route configuration (named after the port for sidecars). */
export interface RouteConfiguration {
  name: string
  virtualHosts: VirtualHost[]
}

/** The connection-pool thresholds (one `circuit_breakers.thresholds` entry, default priority). */
export interface CircuitBreakers {
  maxConnections: number
  maxPendingRequests: number
  maxRequests: number
  maxRetries: number
}

/** Outlier detection as copied into the cluster (Envoy defaults filled in). */
export interface OutlierDetection {
  consecutive5xx: number
  intervalMs: number
  baseEjectionTimeMs: number
  maxEjectionPercent: number
}

/** The TLS context of an upstream cluster (`ISTIO_MUTUAL` rewritten, or user `MUTUAL`/`SIMPLE`). */
export interface UpstreamTls {
  mode: 'ISTIO_MUTUAL' | 'MUTUAL' | 'SIMPLE'
  certChain?: string
  privateKey?: string
  caCertificates?: string
  subjectAltNames: string[]
  sni?: string
  alpn: string[]
}

/** Load-balancer policy as Envoy names it. */
export type LbPolicy = 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'RANDOM' | 'RING_HASH' | 'ORIGINAL_DST_LB'

/** A consistent-hash key (`hash_policy`). */
export type HashPolicy =
  | { header: string }
  | { cookie: { name: string; path?: string; ttlMs?: number } }
  | { sourceIp: true }

/** One Envoy cluster. */
export interface Cluster {
  name: string
  type: 'EDS' | 'STATIC' | 'STRICT_DNS' | 'ORIGINAL_DST'
  connectTimeoutMs: number
  lbPolicy: LbPolicy
  hashPolicy?: HashPolicy
  minimumRingSize?: number
  circuitBreakers: CircuitBreakers
  maxRequestsPerConnection?: number
  outlierDetection?: OutlierDetection
  tls?: UpstreamTls
  /** The service hostname, subset and port behind the cluster (empty for built-ins). */
  service?: { hostname: string; subset: string; port: number }
}

/** One endpoint of a cluster, with the labels subsets select on. */
export interface LbEndpoint {
  ip: string
  port: number
  labels: Record<string, string>
  /** The pod behind the endpoint, when it is one (`ns/name`). */
  pod?: string
}

/** EDS: the endpoints of one cluster. */
export interface ClusterLoadAssignment {
  clusterName: string
  endpoints: LbEndpoint[]
}

/** A filter chain's server TLS (inbound mTLS): STRICT requires a client cert, PERMISSIVE does not. */
export interface InboundTls {
  mode: 'STRICT' | 'PERMISSIVE'
  requireClientCertificate: boolean
}

/** One listener. */
export interface Listener {
  name: string
  address: string
  port: number
  direction: 'inbound' | 'outbound' | 'virtual'
  protocol: 'HTTP' | 'TCP'
  /** HTTP: the RDS route name; inbound listeners carry one inline route. */
  routeConfigName?: string
  /** TCP: the tcp_proxy cluster. */
  cluster?: string
  /** Inbound: the authn policy's TLS requirement. */
  tls?: InboundTls
  /** Inbound: the policy that decided it (`name/namespace`). */
  authnPolicy?: string
  useOriginalDst?: boolean
}

/** Identity of one proxy (`sidecar~<ip>~<pod>.<ns>~<ns>.svc.cluster.local`). */
export interface ProxyNode {
  id: string
  type: 'sidecar' | 'router'
  ip: string
  pod: string
  namespace: string
  labels: Record<string, string>
  serviceAccount: string
}

/** Everything Pilot pushes to one proxy. */
export interface ProxyConfig {
  node: ProxyNode
  listeners: Listener[]
  routes: RouteConfiguration[]
  clusters: Cluster[]
  endpoints: ClusterLoadAssignment[]
}
