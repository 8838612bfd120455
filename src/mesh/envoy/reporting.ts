import type { HttpRequest, HttpResponse } from '../../network/index.js'
import { parseSubsetKey } from '../pilot/index.js'
import type { RequestReport, Reporter, WorkloadAttrs } from '../report.js'
import { formatAccessLog } from './access-log.js'
import type { TraceContext } from './tracing.js'

/** What one proxy saw of one request, for its report and access-log line. */
export interface Exchange {
  reporter: Reporter
  startMs: number
  endMs: number
  req: HttpRequest
  res: HttpResponse
  flag: string
  source: WorkloadAttrs
  destination: WorkloadAttrs
  service?: ClusterService | undefined
  protocol: 'http' | 'tcp'
  mtls: boolean
  upstreamCluster: string
  upstreamHost?: string | undefined
  operation: string
  trace?: TraceContext | undefined
  nodeId: string
}

/** The service a cluster name (`outbound|9080|v1|reviews.default.svc.cluster.local`) points at. */
export interface ClusterService {
  hostname: string
  name: string
  namespace: string
}

// Cluster names repeat on every request: each is parsed once (bounded: names come from config).
const services = new Map<string, ClusterService | undefined>()

/** Returns the service of a cluster name, or undefined for a name that is not a subset key. */
export function serviceOfCluster(cluster: string): ClusterService | undefined {
  const hit = services.get(cluster)
  if (hit !== undefined || services.has(cluster)) return hit
  const key = parseSubsetKey(cluster)
  const parts = key?.hostname.split('.')
  const svc =
    key && parts
      ? { hostname: key.hostname, name: parts[0]!, namespace: parts[1] ?? 'unknown' }
      : undefined
  if (services.size >= 10_000) services.clear()
  services.set(cluster, svc)
  return svc
}

/** Returns whether a proxy's mixer filter reports (the mesh config names a report server). */
export function mixerReports(p: { deps: { features?(): { report: boolean } } }): boolean {
  const f = p.deps.features?.()
  return !f || f.report
}

/**
 * Returns the report of an exchange (the Mixer attribute bag as RequestReport); `mixer` false
 * marks a record made only for the tracer.
 */
export function toReport(x: Exchange, mixer = true): RequestReport {
  return {
    reporter: x.reporter,
    startMs: x.startMs,
    durationMs: x.endMs - x.startMs,
    source: x.source,
    destination: x.destination,
    destinationService: x.service?.hostname ?? 'unknown',
    destinationServiceName: x.service?.name ?? 'unknown',
    destinationServiceNamespace: x.service?.namespace ?? 'unknown',
    requestProtocol: x.protocol,
    responseCode: x.res.status,
    connectionSecurityPolicy: x.mtls ? 'mutual_tls' : 'none',
    method: x.req.method,
    path: x.req.path,
    host: x.req.authority,
    userAgent: x.req.headers['user-agent'] ?? '',
    requestBytes: x.req.body.length,
    responseBytes: x.res.body.length,
    responseFlags: x.flag,
    upstreamCluster: x.upstreamCluster,
    operation: x.operation,
    requestId: x.req.headers['x-request-id'] ?? '',
    nodeId: x.nodeId,
    // Written in the literal even when absent: adding them afterwards gave every traced report a
    // second allocation (an out-of-object property store) and a second object shape.
    trace: x.trace,
    mixer: mixer ? undefined : false,
  }
}

/** Returns the access-log line of an exchange. */
export function accessLogOf(x: Exchange): string {
  const h = x.req.headers
  return formatAccessLog({
    startMs: x.startMs,
    method: x.req.method,
    path: h['x-envoy-original-path'] ?? x.req.path,
    status: x.res.status,
    flags: x.flag,
    bytesReceived: x.req.body.length,
    bytesSent: x.res.body.length,
    durationMs: x.endMs - x.startMs,
    upstreamServiceTime: x.res.headers['x-envoy-upstream-service-time'],
    forwardedFor: h['x-forwarded-for'],
    userAgent: h['user-agent'],
    requestId: h['x-request-id'],
    authority: x.req.authority,
    upstreamHost: x.upstreamHost,
  })
}
