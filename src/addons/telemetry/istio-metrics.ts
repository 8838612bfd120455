/**
 * Istio 1.0's Mixer metrics (chart `mixer/templates/config.yaml`): names, kinds, buckets, and the
 * label values of a RequestReport with Mixer's fallbacks (reference §2).
 */
import type { RequestReport } from '../mesh-types.js'

/** The 17 labels of the HTTP metrics, in the order of the chart's metric instances. */
export const httpLabelNames = [
  'reporter',
  'source_app',
  'source_principal',
  'source_workload',
  'source_workload_namespace',
  'source_version',
  'destination_app',
  'destination_principal',
  'destination_workload',
  'destination_workload_namespace',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'request_protocol',
  'response_code',
  'connection_security_policy',
] as const

/** The 15 labels of the TCP metrics (the HTTP ones without request_protocol and response_code). */
export const tcpLabelNames = httpLabelNames.filter(
  (n) => n !== 'request_protocol' && n !== 'response_code'
)

/** Bounds of `istio_request_duration_seconds` (explicitBuckets). */
export const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Bounds of the byte-size histograms: ExponentialBuckets(1, 10, 8 + 1). */
export const sizeBuckets = Array.from({ length: 9 }, (_, i) => 10 ** i)

/** A metric the Mixer Prometheus adapter exports. */
export interface MetricDef {
  name: string
  kind: 'counter' | 'histogram'
  /** Prometheus labels of the series a report lands in. */
  labels: readonly string[]
  buckets?: readonly number[]
  /** Which reports it counts. */
  protocol: 'http' | 'tcp'
  /** The value a report adds. */
  value(r: RequestReport): number
}

/** The six metrics of Istio 1.0, in the order of the chart. */
export const istioMetrics: readonly MetricDef[] = [
  {
    name: 'istio_requests_total',
    kind: 'counter',
    labels: httpLabelNames,
    protocol: 'http',
    value: () => 1,
  },
  {
    name: 'istio_request_duration_seconds',
    kind: 'histogram',
    labels: httpLabelNames,
    buckets: durationBuckets,
    protocol: 'http',
    value: (r) => r.durationMs / 1000,
  },
  {
    name: 'istio_request_bytes',
    kind: 'histogram',
    labels: httpLabelNames,
    buckets: sizeBuckets,
    protocol: 'http',
    value: (r) => r.requestBytes,
  },
  {
    name: 'istio_response_bytes',
    kind: 'histogram',
    labels: httpLabelNames,
    buckets: sizeBuckets,
    protocol: 'http',
    value: (r) => r.responseBytes,
  },
  {
    name: 'istio_tcp_sent_bytes_total',
    kind: 'counter',
    labels: tcpLabelNames,
    protocol: 'tcp',
    value: (r) => r.responseBytes,
  },
  {
    name: 'istio_tcp_received_bytes_total',
    kind: 'counter',
    labels: tcpLabelNames,
    protocol: 'tcp',
    value: (r) => r.requestBytes,
  },
]

const orUnknown = (v: string | undefined): string => (v === undefined || v === '' ? 'unknown' : v)

/** Returns every label value Mixer 1.0 computes for a report (HTTP and TCP share most). */
export function reportLabels(r: RequestReport): Record<string, string> {
  const tcp = r.requestProtocol === 'tcp'
  return {
    reporter: r.reporter,
    source_app: orUnknown(r.source.app),
    source_principal: orUnknown(r.source.principal),
    source_workload: orUnknown(r.source.workload),
    source_workload_namespace: orUnknown(r.source.namespace),
    source_version: orUnknown(r.source.version),
    destination_app: orUnknown(r.destination.app),
    destination_principal: orUnknown(r.destination.principal),
    destination_workload: orUnknown(r.destination.workload),
    destination_workload_namespace: orUnknown(r.destination.namespace),
    destination_version: orUnknown(r.destination.version),
    // HTTP: destination.service.host (FQDN); TCP: destination.service.name.
    destination_service: tcp
      ? orUnknown(r.destinationServiceName)
      : orUnknown(r.destinationService),
    destination_service_name: orUnknown(r.destinationServiceName),
    destination_service_namespace: orUnknown(r.destinationServiceNamespace),
    request_protocol: orUnknown(r.requestProtocol),
    // response.code | 200
    response_code: String(r.responseCode > 0 ? r.responseCode : 200),
    // Only the destination proxy knows the connection's mTLS state.
    connection_security_policy:
      r.reporter === 'source' ? 'unknown' : orUnknown(r.connectionSecurityPolicy),
  }
}

/** Returns whether a metric counts a report (rules promhttp / promtcp). */
export function metricMatches(m: MetricDef, r: RequestReport): boolean {
  return m.protocol === 'tcp' ? r.requestProtocol === 'tcp' : r.requestProtocol !== 'tcp'
}

// A workload's five label values, joined, per attribute object (the mesh reuses one per pod).
const workloadKeys = new WeakMap<RequestReport['source'], string>()

function workloadKey(w: RequestReport['source']): string {
  let k = workloadKeys.get(w)
  if (k === undefined) {
    k = [w.app, w.principal, w.workload, w.namespace, w.version].map(orUnknown).join('\u0000')
    workloadKeys.set(w, k)
  }
  return k
}

/**
 * Returns the 17 HTTP label values of a report joined by NUL, in `httpLabelNames` order: the key
 * of its series, without building the label object (`reportLabels`) for a series already seen.
 */
export function reportLabelKey(r: RequestReport): string {
  const tcp = r.requestProtocol === 'tcp'
  return (
    `${r.reporter}\u0000${workloadKey(r.source)}\u0000${workloadKey(r.destination)}\u0000` +
    `${tcp ? orUnknown(r.destinationServiceName) : orUnknown(r.destinationService)}\u0000` +
    `${orUnknown(r.destinationServiceName)}\u0000${orUnknown(r.destinationServiceNamespace)}\u0000` +
    `${orUnknown(r.requestProtocol)}\u0000${String(r.responseCode > 0 ? r.responseCode : 200)}\u0000` +
    (r.reporter === 'source' ? 'unknown' : orUnknown(r.connectionSecurityPolicy))
  )
}
