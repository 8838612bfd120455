/**
 * The 1.0 chart's Prometheus scrape configuration (ConfigMap `prometheus`, reference §2.1) resolved
 * to the lab: each Istio job keeps the istio-system Endpoints of one `service;port-name`, and the
 * lab writes their targets to a file_sd file per job, addressed through the host scrape bridge.
 */

/** One Istio job: its name and the `service;port-name` it keeps. */
export interface IstioJob {
  name: string
  service: string
  portName: string
}

/** The Istio jobs of Istio 1.0.0's Prometheus configuration (5 s interval). */
export const istioJobs: IstioJob[] = [
  { name: 'istio-mesh', service: 'istio-telemetry', portName: 'prometheus' },
  { name: 'envoy', service: 'istio-statsd-prom-bridge', portName: 'statsd-prom' },
  { name: 'istio-policy', service: 'istio-policy', portName: 'http-monitoring' },
  { name: 'istio-telemetry', service: 'istio-telemetry', portName: 'http-monitoring' },
  { name: 'pilot', service: 'istio-pilot', portName: 'http-monitoring' },
  { name: 'galley', service: 'istio-galley', portName: 'http-monitoring' },
]

/** A scrape target in the cluster: a pod IP and port. */
export interface ClusterTarget {
  ip: string
  port: number
}

/** Returns the file_sd target groups of a job: bridge address, metrics path through the bridge, instance = pod IP:port. */
export function fileSdGroups(bridge: string, targets: ClusterTarget[]): unknown[] {
  return targets.map((t) => ({
    targets: [bridge],
    labels: { __metrics_path__: `/pod/${t.ip}/${t.port}/metrics`, instance: `${t.ip}:${t.port}` },
  }))
}

/** Returns prometheus.yml (JSON, a subset of YAML) with the Istio jobs reading `<sdDir>/<job>.json`. */
export function prometheusYaml(sdDir: string): string {
  const config = {
    global: { scrape_interval: '15s' },
    scrape_configs: istioJobs.map((j) => ({
      job_name: j.name,
      scrape_interval: '5s',
      file_sd_configs: [{ files: [`${sdDir}/${j.name}.json`], refresh_interval: '5s' }],
    })),
  }
  return `${JSON.stringify(config, null, 2)}\n`
}

interface EndpointsLike {
  metadata?: { name?: string }
  subsets?: { addresses?: { ip?: string }[]; ports?: { name?: string; port?: number }[] }[]
}

/** Returns, per job, the targets its keep rule selects among istio-system's Endpoints. */
export function jobTargets(endpoints: EndpointsLike[]): Map<string, ClusterTarget[]> {
  const out = new Map<string, ClusterTarget[]>(istioJobs.map((j) => [j.name, []]))
  for (const j of istioJobs) {
    for (const ep of endpoints) {
      if (ep.metadata?.name !== j.service) continue
      for (const s of ep.subsets ?? []) {
        const port = s.ports?.find((p) => p.name === j.portName)?.port
        if (port === undefined) continue
        for (const a of s.addresses ?? []) if (a.ip) out.get(j.name)?.push({ ip: a.ip, port })
      }
    }
  }
  return out
}
