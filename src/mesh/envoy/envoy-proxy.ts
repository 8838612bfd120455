import type { KubeObject } from '../../api/types.js'
import type { HttpRequest, HttpResponse, Target } from '../../network/index.js'
import type { Clock } from '../../util/index.js'
import type { ProxyConfig, ProxyNode } from '../pilot/index.js'
import type { ReportBus } from '../report.js'
import { CompiledConfig } from './compiled-config.js'
import type { LocalReply } from './local-replies.js'
import { idRandom } from './tracing.js'
import { UpstreamCluster } from './upstream-cluster.js'

/** Header carrying the client proxy's mTLS identity between two emulated proxies (stripped on arrival). */
export const PEER_HEADER = 'x-mesh-lab-peer-principal'

/** The attributes the inbound proxy sends to Mixer's check. */
export interface CheckRequest {
  req: HttpRequest
  source?: KubeObject | undefined
  sourceIp: string
  destination: KubeObject | undefined
  destinationService: { hostname: string; name: string; namespace: string } | undefined
  principal?: string | undefined
}

/** What a proxy needs from the mesh around it. */
export interface ProxyDeps {
  clock: Clock
  random: () => number
  bus: ReportBus
  /** Writes a line to the proxy container's log. */
  log(line: string): void
  /** Returns the pod holding an IP (and whether it runs a sidecar). */
  podAt(ip: string): { pod: KubeObject; hasSidecar: boolean } | undefined
  /** Mixer policy check (quota, deny): a denial reply, or undefined to go on. */
  check(c: CheckRequest): LocalReply | undefined
  /** Wall-clock milliseconds for report timestamps. */
  now(): number
  /**
   * Which of the mesh config's optional filters the proxy has (absent: both): the connection
   * manager's tracing (`enableTracing`) and the mixer filter's report (`mixerReportServer`).
   */
  features?(): ProxyFeatures
  /**
   * Counts one request the proxy handled (request and response body bytes) on its container's
   * meter, whether or not it reports it: Envoy spends its CPU either way.
   */
  handled?(requestBytes: number, responseBytes: number): void
}

/** The optional parts of a proxy's HTTP filter chain that the mesh config turns on or off. */
export interface ProxyFeatures {
  /** B3 headers and a span per request (`enableTracing`). */
  tracing: boolean
  /** A Mixer report per request (`mixerReportServer`). */
  report: boolean
}

/** One hop's upstream sender: `undefined` target = let the network route the original address. */
export type Sender = (target: Target | undefined, req: HttpRequest) => Promise<HttpResponse>

/**
 * One pod's istio-proxy: the config Pilot pushed to it (indexed) and the state it keeps across
 * requests (per-cluster pools, ejections, balancer cursors). The request path is in
 * `outbound.ts` and `inbound.ts`.
 */
export class EnvoyProxy {
  private compiled: CompiledConfig
  private upstreams = new Map<string, UpstreamCluster>()

  readonly node: ProxyNode
  readonly deps: ProxyDeps
  /** The proxy's mTLS identity (`cluster.local/ns/<ns>/sa/<service account>`). */
  readonly principal: string
  /** Where the proxy draws request, trace and span ids from (seeded once from `deps.random`). */
  readonly ids: () => number

  constructor(node: ProxyNode, deps: ProxyDeps, config: ProxyConfig) {
    this.node = node
    this.deps = deps
    this.principal = `cluster.local/ns/${node.namespace}/sa/${node.serviceAccount}`
    this.ids = idRandom(deps.random)
    this.compiled = new CompiledConfig(config)
  }

  /** Returns the proxy's current config. */
  get config(): CompiledConfig {
    return this.compiled
  }

  /** Applies a new push (keeps the state of clusters that still exist). */
  setConfig(config: ProxyConfig): void {
    if (config === this.compiled.config) return
    this.compiled = new CompiledConfig(config)
    for (const [name, up] of this.upstreams) {
      const c = this.compiled.clusters.get(name)
      if (!c) this.upstreams.delete(name)
      else up.update(c, this.compiled.endpoints.get(name) ?? [])
    }
  }

  /** Returns the state of a cluster (created on first use), or undefined when it is not configured. */
  upstream(name: string): UpstreamCluster | undefined {
    let up = this.upstreams.get(name)
    if (up) return up
    const c = this.compiled.clusters.get(name)
    if (!c) return undefined
    up = new UpstreamCluster(c, this.compiled.endpoints.get(name) ?? [], this.deps.clock)
    this.upstreams.set(name, up)
    return up
  }

  /** Returns Envoy-like stats lines (`cluster.<name>.<counter>: <n>`) of the clusters used so far. */
  stats(): string[] {
    const out: string[] = []
    for (const [name, up] of [...this.upstreams].sort((a, b) => a[0].localeCompare(b[0]))) {
      for (const [k, v] of Object.entries(up.pool.stats)) out.push(`cluster.${name}.${k}: ${v}`)
      const load = up.pool.load
      out.push(`cluster.${name}.upstream_rq_pending_active: ${load.pending}`)
      out.push(
        `cluster.${name}.outlier_detection.ejections_total: ${up.detector?.ejectionsTotal ?? 0}`
      )
    }
    return out
  }
}
