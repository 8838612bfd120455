/**
 * Starts the add-ons inside the sim lab's data plane: the telemetry store and the span reporter on
 * the mesh's report bus, the built-in apps of the Istio add-on images (mixer, jaeger, servicegraph,
 * grafana, prometheus), and the real Prometheus while the prometheus pod runs.
 */
import { join } from 'node:path'
import type { KubeClient } from '../client/index.js'
import type { HttpResponse, Origin, PodNetwork } from '../network/index.js'
import { addonHandlerNames, type AddonAppFactory } from './apps/addon-app.js'
import { grafanaApp } from './apps/grafana-app.js'
import { jaegerApp } from './apps/jaeger-app.js'
import { mixerApp, selfMonitoringApp } from './apps/mixer-app.js'
import { prometheusApp, type PrometheusHost } from './apps/prometheus-app.js'
import { servicegraphApp } from './apps/servicegraph-app.js'
import type { RequestReport } from './mesh-types.js'
import { prometheusSource, storeSource, type MetricsSource } from './promql/metrics-source.js'
import { installHint, prometheusAvailable } from './prometheus/prometheus-process.js'
import { startPrometheus, type RunningPrometheus } from './prometheus/prometheus-runner.js'
import { TelemetryStore } from './telemetry/telemetry-store.js'
import { SpanReporter } from './tracing/span-reporter.js'
import { SpanStore } from './tracing/span-store.js'

/** What the add-ons are started with. */
export interface AddonsOptions {
  /** The mesh's report bus. */
  bus: { subscribe(sink: (r: RequestReport) => void): () => void }
  /** The pod network (spans are POSTed from the proxies' pods; Prometheus scrapes through it). */
  network: PodNetwork & {
    podOrigin(namespace: string, pod: string, container?: string): Origin | undefined
  }
  /** The apps host's registry of built-in apps. */
  registerHandler(name: string, factory: AddonAppFactory): void
  kube: KubeClient
  /** Run Debian's Prometheus while the prometheus pod runs (default: when installed). */
  prometheus?: {
    enabled?: boolean
    binary?: string
    /** Where its directory goes (the lab's state dir); the system's temp dir otherwise. */
    dir?: string
    /** The API server's host URL, scraped by the chart's kubernetes-* jobs. */
    apiServer?: string
  }
  /** Metrics from reports (default true). */
  telemetry?: boolean
  /** Spans from reports, sent to zipkin.istio-system:9411 (default true). */
  tracing?: boolean
  /** Envoy's Zipkin flush interval (default 5000 ms). */
  spanFlushIntervalMs?: number
  log?: (line: string) => void
  onError?: (err: unknown) => void
}

/** The running add-ons. */
export interface StartedAddons {
  telemetry: TelemetryStore
  spans: SpanStore
  reporter: SpanReporter
  /** The real Prometheus's URL on the host while it runs. */
  prometheusUrl(): string | undefined
  /** Where PromQL goes now (the real Prometheus, or the lab's store). */
  metrics(): MetricsSource
  /** istio-telemetry (Mixer) instances running now; reports are lost while there is none. */
  mixerInstances(): number
  /** Turns the views of reports on or off at run time (the bench compares both). */
  setEnabled(o: { telemetry?: boolean; tracing?: boolean }): void
  stop(): Promise<void>
}

const ZIPKIN_URL = 'http://zipkin.istio-system:9411/api/v1/spans'
const SPAN_POST_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' }

// Envoy counts a span POST as sent only when the collector answers 202.
function accepted(res: HttpResponse): void {
  if (res.status !== 202) throw new Error(`failed to send spans: zipkin answered ${res.status}`)
}

// Envoy's span POSTs leave through its static `zipkin` cluster, not a listener: they are neither
// reported nor traced. Skipping them here keeps a network that captures them from looping.
const isSpanPost = (r: RequestReport) =>
  r.destinationServiceName === 'zipkin' &&
  r.destinationServiceNamespace === 'istio-system' &&
  r.path.startsWith('/api/v1/spans')

/** Starts the add-ons; `stop()` undoes everything, including the Prometheus process. */
export function startAddons(o: AddonsOptions): StartedAddons {
  const telemetry = new TelemetryStore()
  const spans = new SpanStore()
  const running = { telemetry: 0 }
  const reporter = new SpanReporter({
    flushIntervalMs: o.spanFlushIntervalMs ?? 5000,
    // A plain function with one `then`, not an async one: no coroutine frame per POST.
    send: (from, batch) => {
      const self = from.reporter === 'source' ? from.source : from.destination
      const origin = o.network.podOrigin(self.namespace, self.pod, 'istio-proxy')
      if (!origin)
        return Promise.reject(
          new Error(`failed to send spans: no pod ${self.namespace}/${self.pod}`)
        )
      return o.network
        .fetch(origin, ZIPKIN_URL, {
          method: 'POST',
          headers: SPAN_POST_HEADERS,
          // Zipkin v1 JSON, serialized only when read as bytes (the in-lab collector takes the value).
          json: batch,
          timeoutMs: 5000,
        })
        .then(accepted)
    },
    ...(o.onError ? { onError: o.onError } : {}),
  })
  const enabled = { telemetry: o.telemetry !== false, tracing: o.tracing !== false }
  const unsubscribe = o.bus.subscribe((r) => {
    if (isSpanPost(r)) return
    // A record made only for a span (no mixerReportServer) never reaches Mixer.
    if (enabled.telemetry && running.telemetry > 0 && r.mixer !== false) telemetry.ingest(r)
    if (enabled.tracing) reporter.add(r)
  })

  let prom: RunningPrometheus | undefined
  let starting: Promise<RunningPrometheus | undefined> | undefined
  let holders = 0
  const wantPrometheus = o.prometheus?.enabled ?? prometheusAvailable(o.prometheus?.binary)
  const host: PrometheusHost = {
    acquire: async () => {
      holders++
      if (!wantPrometheus) return undefined
      starting ??= startPrometheus({
        network: o.network,
        kube: o.kube,
        ...(o.prometheus?.dir ? { dir: join(o.prometheus.dir) } : {}),
        ...(o.prometheus?.binary ? { binary: o.prometheus.binary } : {}),
        ...(o.prometheus?.apiServer ? { apiServer: o.prometheus.apiServer } : {}),
        ...(o.log ? { log: o.log } : {}),
        ...(o.onError ? { onError: o.onError } : {}),
      }).then(
        (p) => (prom = p),
        (err: unknown) => {
          o.onError?.(err)
          return undefined
        }
      )
      return (await starting)?.url
    },
    release: () => {
      holders--
      if (holders > 0 || !starting) return
      const s = starting
      starting = undefined
      prom = undefined
      void s.then((p) => p?.stop())
    },
    url: () => prom?.url,
  }
  if (!wantPrometheus) o.log?.(`lab:addons ${installHint}`)

  const store = storeSource(telemetry)
  const metrics = (): MetricsSource => (prom ? prometheusSource(prom.url) : store)
  o.registerHandler(addonHandlerNames.mixer, mixerApp(telemetry, running))
  o.registerHandler(addonHandlerNames.selfMonitoring, selfMonitoringApp())
  o.registerHandler(addonHandlerNames.jaeger, jaegerApp(spans))
  o.registerHandler(addonHandlerNames.servicegraph, servicegraphApp(metrics))
  o.registerHandler(
    addonHandlerNames.grafana,
    grafanaApp({ store: telemetry, prometheusUrl: () => prom?.url })
  )
  o.registerHandler(addonHandlerNames.prometheus, prometheusApp(host, telemetry))

  return {
    telemetry,
    spans,
    reporter,
    prometheusUrl: () => prom?.url,
    metrics,
    mixerInstances: () => running.telemetry,
    setEnabled: (e) => {
      if (e.telemetry !== undefined) enabled.telemetry = e.telemetry
      if (e.tracing !== undefined) enabled.tracing = e.tracing
    },
    stop: async () => {
      unsubscribe()
      reporter.stop()
      const s = starting
      starting = undefined
      prom = undefined
      await (await s)?.stop()
    },
  }
}
