/**
 * The shape of a built-in app as the apps host starts one per running container (structurally
 * the apps folder's AppFactory), and the names the image behaviours' `app.handler` use.
 */
import type { AppHandler, PodEndpointInfo } from '../../network/index.js'

/** What an add-on app needs of its container. */
export interface AddonAppContext {
  pod: PodEndpointInfo
  container: string
  log(line: string): void
}

/** A running add-on app. */
export interface AddonAppInstance {
  handle?: AppHandler
  stop?(): void
}

/** Creates an add-on app instance for one running container. */
export type AddonAppFactory = (ctx: AddonAppContext) => AddonAppInstance

/** Handler names for the behaviours' `app: { handler: … }` of the Istio add-on images. */
export const addonHandlerNames = {
  /** gcr.io/istio-release/mixer (istio-telemetry and istio-policy pods). */
  mixer: 'istio-mixer',
  /** docker.io/jaegertracing/all-in-one (istio-tracing). */
  jaeger: 'jaeger-all-in-one',
  /** gcr.io/istio-release/servicegraph. */
  servicegraph: 'istio-servicegraph',
  /** gcr.io/istio-release/grafana. */
  grafana: 'istio-grafana',
  /** docker.io/prom/prometheus. */
  prometheus: 'prometheus',
  /** Pilot's, Galley's and the statsd exporter's monitoring ports (9093 / 9102) where no other app serves them. */
  selfMonitoring: 'istio-self-monitoring',
} as const
