/**
 * @module addons: views of the mesh's RequestReports — Istio 1.0's Prometheus metrics (Mixer's
 * exposition and a store with a small PromQL engine), Envoy's Zipkin spans with a Jaeger 1.5
 * collector and query API, servicegraph, the lab's stand-in for the Grafana dashboards, and
 * Debian's real Prometheus while the prometheus pod runs.
 */
export { startAddons } from './start-addons.js'
export type { AddonsOptions, StartedAddons } from './start-addons.js'
export { addonHandlerNames } from './apps/addon-app.js'
export type { AddonAppFactory, AddonAppContext, AddonAppInstance } from './apps/addon-app.js'
export { TelemetryStore, type TelemetryDump } from './telemetry/telemetry-store.js'
export { renderExposition, expositionContentType } from './telemetry/exposition.js'
export { SpanStore } from './tracing/span-store.js'
export type { StoredSpan } from './tracing/stored-span.js'
export { spanFromReport } from './tracing/zipkin-v1.js'
export type { ZipkinV1Span } from './tracing/zipkin-v1.js'
export { evaluateLocal } from './promql/local-engine.js'
export {
  installHint as prometheusInstallHint,
  prometheusAvailable,
} from './prometheus/prometheus-process.js'
