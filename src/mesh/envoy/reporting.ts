import type { HttpRequest, HttpResponse } from '../../network/index.js'
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
  service?: { hostname: string; name: string; namespace: string }
  protocol: 'http' | 'tcp'
  mtls: boolean
  upstreamCluster: string
  upstreamHost?: string
  operation: string
  trace?: TraceContext
  nodeId: string
}

/** Returns the report of an exchange (the Mixer attribute bag as RequestReport). */
export function toReport(x: Exchange): RequestReport {
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
    ...(x.trace ? { trace: x.trace } : {}),
    requestId: x.req.headers['x-request-id'] ?? '',
    nodeId: x.nodeId,
  }
}

/** Returns the access-log line of an exchange. */
export function accessLogOf(x: Exchange): string {
  return formatAccessLog({
    startMs: x.startMs,
    method: x.req.method,
    path: x.req.headers['x-envoy-original-path'] ?? x.req.path,
    status: x.res.status,
    flags: x.flag,
    bytesReceived: x.req.body.length,
    bytesSent: x.res.body.length,
    durationMs: x.endMs - x.startMs,
    ...(x.res.headers['x-envoy-upstream-service-time']
      ? { upstreamServiceTime: x.res.headers['x-envoy-upstream-service-time'] }
      : {}),
    ...(x.req.headers['x-forwarded-for'] ? { forwardedFor: x.req.headers['x-forwarded-for'] } : {}),
    ...(x.req.headers['user-agent'] ? { userAgent: x.req.headers['user-agent'] } : {}),
    ...(x.req.headers['x-request-id'] ? { requestId: x.req.headers['x-request-id'] } : {}),
    authority: x.req.authority,
    ...(x.upstreamHost ? { upstreamHost: x.upstreamHost } : {}),
  })
}
