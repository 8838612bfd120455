import { parseGoDuration } from '../../istio/index.js'
import type {
  Destination,
  DestinationRuleSpec,
  GatewaySpec,
  HTTPRoute,
  TrafficPolicy,
  VirtualServiceSpec,
} from '../model/istio-types.js'

/**
 * Pilot 1.0.0's validation of networking.istio.io objects (`pilot/pkg/model/validation.go`), as
 * Galley's `pilot.validation.istio.io` webhook runs it: each function returns the error messages.
 */

const DNS1123_LABEL = /^[a-zA-Z0-9]([-a-z-A-Z0-9]*[a-zA-Z0-9])?$/
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9]([-a-z-A-Z0-9]*[a-zA-Z0-9])?)$/
const TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']
const LB_SIMPLE = ['ROUND_ROBIN', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH']
const GATEWAY_PROTOCOLS = ['HTTP', 'HTTPS', 'GRPC', 'HTTP2', 'MONGO', 'TCP', 'TLS', 'REDIS']

/** Returns Pilot's errors for a duration field (`ValidateDurationGogo`), after jsonpb reads it. */
export function durationErrors(text: unknown, field: string): string[] {
  let ns: number
  try {
    ns = parseGoDuration(String(text))
  } catch (err) {
    // jsonpb refuses the object before validation: Galley reports the decode error.
    return [`${field}: ${(err as Error).message}`]
  }
  if (ns < 1e6) return ['duration must be greater than 1ms']
  if (ns % 1e6 !== 0) return ['only durations to ms precision are supported']
  return []
}

function hostErrors(host: string): string[] {
  if (host.length === 0) return ['empty domain name not allowed']
  if (host.length > 255) return [`domain name "${host}" too long (max 255)`]
  const [first, ...rest] = host.split('.')
  if (!WILDCARD_LABEL.test(first!))
    return [`domain name "${host}" invalid (label "${first}" invalid)`]
  for (const l of rest)
    if (!DNS1123_LABEL.test(l)) return [`domain name "${host}" invalid (label "${l}" invalid)`]
  return []
}

function percentErrors(v: number | undefined): string[] {
  return v !== undefined && (v < 0 || v > 100) ? [`percentage ${v} is not in range 0..100`] : []
}

function destinationErrors(d: Destination | undefined): string[] {
  if (!d) return []
  const out = hostErrors(d.host ?? '')
  if (d.subset !== undefined) {
    if (d.subset === '') out.push('subset name cannot be empty')
    else if (!DNS1123_LABEL.test(d.subset)) out.push(`subnet name is invalid: ${d.subset}`)
  }
  if (
    d.port &&
    (d.port.number === undefined || d.port.number < 1 || d.port.number > 65535) &&
    !d.port.name
  )
    out.push(`port number ${d.port.number ?? 0} must be in the range 1..65535`)
  return out
}

function headerNameErrors(name: string): string[] {
  if (name === '') return ['header name cannot be empty']
  return name.toLowerCase() !== name ? ['must be in lower case'] : []
}

function httpRouteErrors(h: HTTPRoute): string[] {
  const out: string[] = []
  if (h.redirect) {
    if (h.route?.length) out.push('HTTP route cannot contain both route and redirect')
    if (h.fault) out.push('HTTP route cannot contain both fault and redirect')
    if (h.rewrite) out.push('HTTP route rule cannot contain both rewrite and redirect')
  } else if (!h.route?.length) out.push('HTTP route or redirect is required')
  for (const name of Object.keys(h.appendHeaders ?? {})) out.push(...headerNameErrors(name))
  if (h.fault) {
    if (!h.fault.abort && !h.fault.delay)
      out.push('HTTP fault injection must have an abort and/or a delay')
    if (h.fault.abort) {
      out.push(...percentErrors(h.fault.abort.percent))
      if (h.fault.abort.grpcStatus !== undefined)
        out.push('gRPC abort fault injection not supported yet')
      if (h.fault.abort.http2Error !== undefined)
        out.push('HTTP/2 abort fault injection not supported yet')
      const s = h.fault.abort.httpStatus
      if (s !== undefined && (s < 0 || s > 600)) out.push(`HTTP status ${s} is not in range 0-600`)
    }
    if (h.fault.delay) {
      out.push(...percentErrors(h.fault.delay.percent))
      if (h.fault.delay.fixedDelay !== undefined)
        out.push(...durationErrors(h.fault.delay.fixedDelay, 'fixedDelay'))
      if (h.fault.delay.exponentialDelay !== undefined)
        out.push('exponentialDelay not supported yet')
    }
  }
  for (const m of h.match ?? []) {
    for (const name of Object.keys(m.headers ?? {})) out.push(...headerNameErrors(name))
    if (m.port !== undefined && (m.port < 1 || m.port > 65535))
      out.push(`port number ${m.port} must be in the range 1..65535`)
  }
  out.push(...destinationErrors(h.mirror))
  if (h.redirect && !h.redirect.uri && !h.redirect.authority)
    out.push('redirect must specify URI, authority, or both')
  if (h.rewrite && !h.rewrite.uri && !h.rewrite.authority)
    out.push('rewrite must specify URI, authority, or both')
  if (h.retries) {
    if ((h.retries.attempts ?? 0) <= 0) out.push('attempts must be positive')
    if (h.retries.perTryTimeout !== undefined)
      out.push(...durationErrors(h.retries.perTryTimeout, 'perTryTimeout'))
  }
  let total = 0
  for (const w of h.route ?? []) {
    if (!w.destination) out.push('destination is required')
    out.push(...destinationErrors(w.destination), ...percentErrors(w.weight))
    total += w.weight ?? 0
  }
  if ((h.route?.length ?? 0) > 1 && total !== 100)
    out.push(`total destination weight ${total} != 100`)
  if (h.timeout !== undefined) out.push(...durationErrors(h.timeout, 'timeout'))
  return out
}

/** Returns the errors of a VirtualService (`ValidateVirtualService`). */
export function validateVirtualService(spec: VirtualServiceSpec): string[] {
  const out: string[] = []
  const toMesh = !spec.gateways?.length || spec.gateways.includes('mesh')
  if (!spec.hosts?.length) out.push('virtual service must have at least one host')
  for (const h of spec.hosts ?? []) {
    const e = hostErrors(h)
    out.push(...e)
    if (!e.length && toMesh && h === '*')
      out.push('wildcard host * is not allowed for virtual services bound to the mesh gateway')
  }
  if (!spec.http?.length && !spec.tcp?.length && !spec.tls?.length)
    out.push('http, tcp or tls must be provided in virtual service')
  for (const h of spec.http ?? []) out.push(...httpRouteErrors(h))
  for (const t of spec.tcp ?? []) {
    if (t.route?.length !== 1) out.push('TCP route must have exactly one destination')
    for (const w of t.route ?? []) out.push(...destinationErrors(w.destination))
  }
  return out
}

function trafficPolicyErrors(p: TrafficPolicy | undefined): string[] {
  if (!p) return []
  if (!p.loadBalancer && !p.connectionPool && !p.outlierDetection && !p.tls && !p.portLevelSettings)
    return ['traffic policy must have at least one field']
  const out: string[] = []
  const od = p.outlierDetection
  if (od) {
    if (od.baseEjectionTime !== undefined)
      out.push(...durationErrors(od.baseEjectionTime, 'baseEjectionTime'))
    if ((od.consecutiveErrors ?? 0) < 0)
      out.push('outlier detection consecutive errors cannot be negative')
    if (od.interval !== undefined) out.push(...durationErrors(od.interval, 'interval'))
    out.push(...percentErrors(od.maxEjectionPercent))
  }
  const cp = p.connectionPool
  if (cp) {
    if (!cp.http && !cp.tcp) out.push('connection pool must have at least one field')
    if ((cp.http?.http1MaxPendingRequests ?? 0) < 0)
      out.push('http1 max pending requests must be non-negative')
    if ((cp.http?.http2MaxRequests ?? 0) < 0) out.push('http2 max requests must be non-negative')
    if ((cp.http?.maxRequestsPerConnection ?? 0) < 0)
      out.push('max requests per connection must be non-negative')
    if ((cp.http?.maxRetries ?? 0) < 0) out.push('max retries must be non-negative')
    if ((cp.tcp?.maxConnections ?? 0) < 0) out.push('max connections must be non-negative')
    if (cp.tcp?.connectTimeout !== undefined)
      out.push(...durationErrors(cp.tcp.connectTimeout, 'connectTimeout'))
  }
  const simple = p.loadBalancer?.simple
  if (simple !== undefined && !LB_SIMPLE.includes(simple))
    out.push(
      `unknown value "${simple}" for enum istio.networking.v1alpha3.LoadBalancerSettings_SimpleLB`
    )
  if (p.tls) {
    const mode = p.tls.mode ?? 'DISABLE'
    if (!TLS_MODES.includes(mode))
      out.push(`unknown value "${mode}" for enum istio.networking.v1alpha3.TLSSettings_TLSmode`)
    if (mode === 'MUTUAL') {
      if (!p.tls.clientCertificate) out.push('client certificate required for mutual tls')
      if (!p.tls.privateKey) out.push('private key required for mutual tls')
    }
  }
  for (const pl of p.portLevelSettings ?? []) out.push(...trafficPolicyErrors(pl))
  return out
}

/** Returns the errors of a DestinationRule (`ValidateDestinationRule`). */
export function validateDestinationRule(spec: DestinationRuleSpec): string[] {
  const out = [...hostErrors(spec.host ?? ''), ...trafficPolicyErrors(spec.trafficPolicy)]
  for (const s of spec.subsets ?? []) {
    if (!s.name) out.push('subset name cannot be empty')
    else if (!DNS1123_LABEL.test(s.name)) out.push(`subnet name is invalid: ${s.name}`)
    out.push(...trafficPolicyErrors(s.trafficPolicy))
  }
  return out
}

/** Returns the errors of a Gateway (`ValidateGateway`). */
export function validateGateway(spec: GatewaySpec): string[] {
  const out: string[] = []
  if (!spec.servers?.length) out.push('gateway must have at least one server')
  const names = new Set<string>()
  for (const s of spec.servers ?? []) {
    if (!s.hosts?.length) out.push('server config must contain at least one host')
    for (const h of s.hosts ?? []) out.push(...hostErrors(h))
    if (!s.port) out.push('port is required')
    else {
      if (!GATEWAY_PROTOCOLS.includes((s.port.protocol ?? '').toUpperCase()))
        out.push(
          `invalid protocol "${s.port.protocol ?? ''}", supported protocols are HTTP, HTTP2, GRPC, MONGO, REDIS, TCP`
        )
      if (!s.port.name) out.push('port name must be set')
      else if (names.has(s.port.name))
        out.push(`port names in servers must be unique: duplicate name ${s.port.name}`)
      else names.add(s.port.name)
    }
  }
  return out
}
