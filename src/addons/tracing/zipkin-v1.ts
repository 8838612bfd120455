/**
 * Zipkin v1 JSON spans as Istio 1.0's Envoy reports them (reference §3.3): one span per request per
 * proxy, `cs`/`cr` on the caller's sidecar, `sr`/`ss` on the callee's, and Envoy's tags.
 */
import type { RequestReport } from '../mesh-types.js'
import { EnvoySpan } from './envoy-span.js'
import type { ZipkinV1Span } from './zipkin-types.js'

export type { ZipkinEndpoint, ZipkinV1Span } from './zipkin-types.js'

/**
 * Returns the span a proxy reports for a request, or undefined when the request was not traced.
 * The endpoint's serviceName is the proxy's `--serviceCluster` (the pod's `app` label, else
 * `istio-proxy`).
 */
export function spanFromReport(r: RequestReport): ZipkinV1Span | undefined {
  return EnvoySpan.of(r)?.toZipkinV1()
}
