/**
 * Synthetic RequestReports for the add-ons' unit tests: a request from one workload to another as
 * both sidecars would report it (a mesh-internal call counts twice).
 */
import type { RequestReport, WorkloadAttrs } from '../../addons/mesh-types.js'

/** Returns workload attributes for a pod of `app` in `namespace`. */
export function workload(app: string, namespace = 'onap', ip = '10.1.1.1'): WorkloadAttrs {
  return {
    app,
    version: 'unknown',
    workload: app === 'unknown' ? 'unknown' : `${app}`,
    namespace,
    principal: app === 'unknown' ? 'unknown' : `cluster.local/ns/${namespace}/sa/default`,
    pod: `${app}-7d9c8f6b5-abcde`,
    ip,
  }
}

/** What a synthetic call looks like. */
export interface CallSpec {
  from: WorkloadAttrs
  to: WorkloadAttrs
  service: string
  namespace?: string
  status?: number
  startMs: number
  durationMs?: number
  path?: string
  traceId?: string
  /** Span id of the caller's inbound span (the parent of the client span). */
  parentSpanId?: string
  /** Client span id (the server span shares it, as Envoy's Zipkin tracer does). */
  spanId?: string
  requestId?: string
  flags?: string
}

/** Returns the two reports (source, destination) of one mesh-internal HTTP call. */
export function callReports(c: CallSpec): RequestReport[] {
  const ns = c.namespace ?? c.to.namespace
  const fqdn = `${c.service}.${ns}.svc.cluster.local`
  const base = {
    startMs: c.startMs,
    durationMs: c.durationMs ?? 12,
    source: c.from,
    destination: c.to,
    destinationService: fqdn,
    destinationServiceName: c.service,
    destinationServiceNamespace: ns,
    requestProtocol: 'http' as const,
    responseCode: c.status ?? 200,
    method: 'GET',
    path: c.path ?? '/',
    host: c.service,
    userAgent: 'curl/7.58.0',
    requestBytes: 0,
    responseBytes: 245,
    responseFlags: c.flags ?? '-',
    upstreamCluster: `outbound|80||${fqdn}`,
    operation: `${fqdn}:80/*`,
    requestId: c.requestId ?? '1ad2de20-806e-9622-949a-bd1d9735a3f4',
  }
  const trace = c.traceId
    ? {
        traceId: c.traceId,
        spanId: c.spanId ?? c.traceId,
        parentSpanId: c.parentSpanId,
        sampled: true,
      }
    : undefined
  return [
    {
      ...base,
      reporter: 'source',
      connectionSecurityPolicy: 'unknown',
      nodeId: `sidecar~${c.from.ip}~${c.from.pod}.${c.from.namespace}~${c.from.namespace}.svc.cluster.local`,
      trace,
    },
    {
      ...base,
      reporter: 'destination',
      connectionSecurityPolicy: 'none',
      upstreamCluster: `inbound|80||${fqdn}`,
      nodeId: `sidecar~${c.to.ip}~${c.to.pod}.${c.to.namespace}~${c.to.namespace}.svc.cluster.local`,
      trace,
    },
  ]
}
