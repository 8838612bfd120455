/**
 * The 1.0 chart's Prometheus configuration (ConfigMap `prometheus`, key `prometheus.yml`,
 * reference §2.1) resolved to the lab: each `kubernetes_sd_configs` becomes a file_sd file the
 * lab's discovery writes (same roles, same `__meta_kubernetes_*` labels), the service-account
 * files point at the prometheus account's token and CA, and the chart's own relabelling runs
 * unchanged in Prometheus. Lab rules appended to each job then send the result where the lab
 * serves it: `kubernetes.default.svc:443` to the API server's host address, and plain-HTTP
 * targets in the cluster network through the host scrape bridge (`/pod/<ip>/<port><path>`).
 */
import { parse } from 'yaml'

/** One Istio job of the chart: its name and the istio-system `service;port-name` it keeps. */
export interface IstioJob {
  name: string
  service: string
  portName: string
}

/** The Istio jobs of Istio 1.0.0's configuration: the lab's fallback when no ConfigMap is there. */
export const istioJobs: IstioJob[] = [
  { name: 'istio-mesh', service: 'istio-telemetry', portName: 'prometheus' },
  { name: 'envoy', service: 'istio-statsd-prom-bridge', portName: 'statsd-prom' },
  { name: 'istio-policy', service: 'istio-policy', portName: 'http-monitoring' },
  { name: 'istio-telemetry', service: 'istio-telemetry', portName: 'http-monitoring' },
  { name: 'pilot', service: 'istio-pilot', portName: 'http-monitoring' },
  { name: 'galley', service: 'istio-galley', portName: 'http-monitoring' },
]

/** The chart's Istio jobs as scrape configs (used when the ConfigMap is missing). */
export function fallbackConfig(): ChartConfig {
  return {
    global: { scrape_interval: '15s' },
    scrape_configs: istioJobs.map((j) => ({
      job_name: j.name,
      scrape_interval: '5s',
      kubernetes_sd_configs: [{ role: 'endpoints', namespaces: { names: ['istio-system'] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpoint_port_name'],
          action: 'keep',
          regex: `${j.service};${j.portName}`,
        },
      ],
    })),
  }
}

/** A Prometheus configuration as parsed (only the fields the lab rewrites are typed). */
export interface ChartConfig {
  global?: Record<string, unknown>
  scrape_configs?: ScrapeConfig[]
  [k: string]: unknown
}

interface ScrapeConfig {
  job_name: string
  kubernetes_sd_configs?: { role?: string; namespaces?: { names?: string[] } }[]
  tls_config?: Record<string, unknown>
  bearer_token_file?: string
  relabel_configs?: Record<string, unknown>[]
  [k: string]: unknown
}

/** What one job discovers: the Kubernetes role and namespaces (all when empty). */
export interface JobDiscovery {
  job: string
  role: string
  namespaces: string[]
}

/** Where the lab serves what the jobs scrape. */
export interface LabEndpoints {
  /** Directory of the file_sd files (`<job>.json`). */
  sdDir: string
  /** Directory standing for the pod's `/var/run/secrets/kubernetes.io/serviceaccount`. */
  serviceAccountDir: string
  /** The API server's host address (`127.0.0.1:6443`), or undefined. */
  apiServer?: string
  /** The scrape bridge (`127.0.0.1:<port>`). */
  bridge: string
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount/'

/** Parses `prometheus.yml`; throws naming the problem. */
export function parseChartConfig(text: string, source: string): ChartConfig {
  let v: unknown
  try {
    v = parse(text)
  } catch (cause) {
    throw new Error(`failed to parse ${source}: ${(cause as Error).message}`, { cause })
  }
  if (!v || typeof v !== 'object' || !Array.isArray((v as ChartConfig).scrape_configs))
    throw new Error(`failed to read ${source}: no scrape_configs list`)
  for (const [i, sc] of ((v as ChartConfig).scrape_configs ?? []).entries())
    if (typeof sc?.job_name !== 'string')
      throw new Error(`failed to read ${source}: scrape_configs[${i}].job_name is missing`)
  return v as ChartConfig
}

/** The rules the lab appends to every job (after the chart's own). */
function labRelabels(at: LabEndpoints): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [
    // Prometheus sets `instance` from the final address; the address changes below, so keep the
    // one the chart's rules chose.
    {
      source_labels: ['instance', '__address__'],
      regex: ';(.+)',
      target_label: 'instance',
      replacement: '$1',
    },
  ]
  if (at.apiServer)
    rules.push({
      source_labels: ['__address__'],
      regex: 'kubernetes\\.default\\.svc(?:\\.cluster\\.local)?(?::443)?',
      target_label: '__address__',
      replacement: at.apiServer,
    })
  rules.push(
    {
      source_labels: ['__scheme__', '__address__', '__metrics_path__'],
      regex: 'http;(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+);(.*)',
      target_label: '__metrics_path__',
      replacement: '/pod/$1/$2$3',
    },
    {
      source_labels: ['__scheme__', '__metrics_path__'],
      regex: 'http;/pod/.*',
      target_label: '__address__',
      replacement: at.bridge,
    }
  )
  return rules
}

const saPath = (p: unknown, at: LabEndpoints) =>
  typeof p === 'string' && p.startsWith(SA_DIR)
    ? `${at.serviceAccountDir}/${p.slice(SA_DIR.length)}`
    : p

/**
 * Returns the configuration Prometheus runs (JSON, a subset of YAML) and what each job must
 * discover, from the chart's configuration.
 */
export function labConfig(
  chart: ChartConfig,
  at: LabEndpoints
): { text: string; jobs: JobDiscovery[] } {
  const jobs: JobDiscovery[] = []
  const scrape_configs = (chart.scrape_configs ?? []).map((sc) => {
    const { kubernetes_sd_configs: sd, ...rest } = sc
    const out: ScrapeConfig = { ...rest }
    if (sd?.length) {
      jobs.push({
        job: sc.job_name,
        role: sd[0]?.role ?? 'endpoints',
        namespaces: sd[0]?.namespaces?.names ?? [],
      })
      out.file_sd_configs = [{ files: [`${at.sdDir}/${sc.job_name}.json`], refresh_interval: '5s' }]
    }
    if (sc.tls_config)
      out.tls_config = { ...sc.tls_config, ca_file: saPath(sc.tls_config.ca_file, at) }
    if (sc.bearer_token_file) out.bearer_token_file = saPath(sc.bearer_token_file, at) as string
    out.relabel_configs = [...(sc.relabel_configs ?? []), ...labRelabels(at)]
    return out
  })
  return { text: `${JSON.stringify({ ...chart, scrape_configs }, null, 2)}\n`, jobs }
}
