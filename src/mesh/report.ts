/**
 * The one record a sidecar emits per request it handled (Mixer's attribute bag, design.md: "Telemetry
 * is a report"). Metrics, spans, the service graph and the dashboards are views of these records.
 */

/** Which proxy reported: the caller's sidecar (`source`) or the callee's (`destination`). */
export type Reporter = 'source' | 'destination'

/** One workload end of a request, with Istio 1.0's fallbacks (`unknown`) already applied. */
export interface WorkloadAttrs {
  /** Pod's `app` label. */
  app: string
  /** Pod's `version` label. */
  version: string
  /** Workload name (the Deployment's / owner's name). */
  workload: string
  namespace: string
  principal: string
  /** Pod name and IP (for spans and access logs). */
  pod: string
  ip: string
}

/** The attribute bag of one request seen by one proxy. */
export interface RequestReport {
  reporter: Reporter
  /** Wall-clock start, ms since the epoch. */
  startMs: number
  /** Duration in ms. */
  durationMs: number
  source: WorkloadAttrs
  destination: WorkloadAttrs
  /** `multicloud.onap.svc.cluster.local`, or `unknown`. */
  destinationService: string
  /** `multicloud`. */
  destinationServiceName: string
  destinationServiceNamespace: string
  requestProtocol: 'http' | 'tcp' | 'grpc'
  responseCode: number
  /** `mutual_tls` or `none`. */
  connectionSecurityPolicy: string
  method: string
  path: string
  host: string
  userAgent: string
  requestBytes: number
  responseBytes: number
  /** Envoy response flags (`-`, `UO`, `UT`, `FI`, …). */
  responseFlags: string
  upstreamCluster: string
  /** Route decorator / span operation name. */
  operation: string
  /** Trace context the proxy used (B3), when tracing. */
  trace?:
    | { traceId: string; spanId: string; parentSpanId?: string | undefined; sampled: boolean }
    | undefined
  requestId: string
  /** Envoy node id of the reporting proxy (`sidecar~10.1.1.5~pod.ns~ns.svc.cluster.local`). */
  nodeId: string
  /**
   * `false` when the proxy has no mixer filter report (no `mixerReportServer`) and the record
   * exists only for its span: Mixer never receives it. Absent or undefined: Mixer receives it.
   */
  mixer?: false | undefined
}

/** A consumer of reports (Mixer telemetry, the tracer, the service graph). */
export type ReportSink = (r: RequestReport) => void

/** Fans reports out to every subscribed sink; a failing sink never breaks the request path. */
export class ReportBus {
  private sinks = new Set<ReportSink>()

  /** Subscribes a sink; returns the function that unsubscribes it. */
  subscribe(sink: ReportSink): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }

  /** Delivers one report to every sink. */
  emit(r: RequestReport): void {
    for (const s of this.sinks) {
      try {
        s(r)
      } catch {
        // A view's bug must not fail a request: Mixer's report path is asynchronous and best-effort.
      }
    }
  }
}
