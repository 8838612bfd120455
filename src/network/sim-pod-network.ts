import { isIpv4, resolveHostName, resolvePodName, DEFAULT_CLUSTER_DOMAIN } from './cluster-dns.js'
import type { KubeProxy } from './kube-proxy.js'
import { listeningContainer, SIDECAR_CONTAINER, type PodDirectory } from './pod-directory.js'
import type { ServiceTable } from './service-table.js'
import {
  jsonRequest,
  NetError,
  NetErrorCodes,
  passThroughHooks,
  type AppHost,
  type FetchInit,
  type HttpRequest,
  type HttpResponse,
  type Origin,
  type PodEndpointInfo,
  type PodNetwork,
  type SidecarHooks,
  type Target,
} from './types.js'
import { withTimeout } from './with-timeout.js'

/** What the pod network routes through. */
export interface SimPodNetworkOptions {
  pods: PodDirectory
  services: ServiceTable
  proxy: KubeProxy
  clusterDomain?: string
  /** The node name listening on each node address (only nodes whose kubelet runs). */
  nodeAt: (address: string) => string | undefined
}

const EMPTY = Buffer.alloc(0)

/** An AppHost with no apps: every port refuses (until the apps host is installed). */
const NO_APPS: AppHost = {
  serve: (to, port) =>
    Promise.reject(
      new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${to.ip}:${String(port)}`)
    ),
}

const refused = (ip: string, port: number) =>
  new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${ip}:${String(port)}`)

/**
 * The simulated pod network: resolves names (cluster DNS for pods, IPs and `localhost` for the
 * host), applies kube-proxy's rules to ClusterIPs and NodePorts, and delivers each request
 * through the source's and destination's sidecar hooks to the app host. Every lookup is a map
 * read on caches the informers keep current; nothing here calls the API.
 */
export class SimPodNetwork implements PodNetwork {
  private o: SimPodNetworkOptions
  private domain: string
  private hooks: SidecarHooks = passThroughHooks()
  private apps: AppHost = NO_APPS
  // Answers by the asking pod's namespace, then by name.
  private dns = new Map<string, Map<string, string[] | undefined>>()

  constructor(o: SimPodNetworkOptions) {
    this.o = o
    this.domain = o.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN
    o.services.onChange(() => this.dns.clear())
  }

  /** Installs the sidecar hooks the mesh implements (pass-through until then). */
  setSidecarHooks(h: SidecarHooks): void {
    this.hooks = h
  }

  /** Installs the app host that answers requests reaching a pod's port. */
  /** Returns whether an app of the pod listens on the port (the app host says; else true). */
  listens(to: PodEndpointInfo, port: number): boolean {
    return this.apps.listens?.(to, port) ?? true
  }

  setAppHost(h: AppHost): void {
    this.apps = h
  }

  /** Returns the addresses `host` resolves to from `origin`, or undefined (NXDOMAIN). */
  resolve(origin: Origin, host: string): string[] | undefined {
    if (origin.kind === 'host') return resolveHostName(host)
    if (host.toLowerCase() === 'localhost') return ['127.0.0.1']
    const ns = origin.pod.namespace
    let names = this.dns.get(ns)
    if (!names) this.dns.set(ns, (names = new Map()))
    const hit = names.get(host)
    if (hit !== undefined || names.has(host)) return hit
    const ips = resolvePodName(host, ns, this.o.services, this.domain)
    // Answers are cached until the next Service or Endpoints change.
    if (names.size >= 10_000) names.clear()
    names.set(host, ips)
    return ips
  }

  /** Sends a request from `origin` to an http URL (see PodNetwork.fetch). */
  fetch(origin: Origin, url: string, init: FetchInit = {}): Promise<HttpResponse> {
    const u = parseHttpUrl(url)
    if (typeof u === 'string') return Promise.reject(new Error(`failed to fetch ${url}: ${u}`))
    const host = u.hostname
    const ips = this.resolve(origin, host)
    if (!ips?.length)
      return Promise.reject(new NetError(NetErrorCodes.notFound, `getaddrinfo ENOTFOUND ${host}`))
    const ip = ips.length === 1 ? ips[0]! : ips[Math.floor(Math.random() * ips.length)]!
    const port = u.port ? Number(u.port) : 80
    const headers: Record<string, string> = {}
    const given = init.headers
    if (given) for (const k in given) headers[k.toLowerCase()] = given[k]!
    headers.host ??= u.host
    const method = init.method === undefined ? 'GET' : init.method.toUpperCase()
    const req: HttpRequest =
      init.json !== undefined
        ? jsonRequest({ method, path: u.path, authority: u.host, headers }, init.json)
        : {
            method,
            path: u.path,
            authority: u.host,
            headers,
            body:
              init.body === undefined
                ? EMPTY
                : Buffer.isBuffer(init.body)
                  ? init.body
                  : Buffer.from(init.body),
          }
    return withTimeout(this.send(origin, host, ip, port, req), init.timeoutMs, `request to ${url}`)
  }

  /**
   * Sends a request that left `origin` for `ip:port` (its name was `host`): through the origin's
   * sidecar when it has one, then kube-proxy (or the sidecar's chosen target).
   */
  send(
    origin: Origin,
    host: string,
    ip: string,
    port: number,
    req: HttpRequest
  ): Promise<HttpResponse> {
    // istio-init's rules RETURN traffic of uid 1337 (the proxy itself): Envoy's own connections
    // (its Zipkin span posts, pilot-agent) are not captured.
    const captured = origin.kind === 'pod' && origin.container !== SIDECAR_CONTAINER
    if (captured && origin.pod.hasSidecar && !ip.startsWith('127.')) {
      const self = this.o.pods.byName(origin.pod.namespace, origin.pod.name)
      // istio-init's rules send every outbound connection to 15001; with no proxy there: refused.
      if (!self?.running.has(SIDECAR_CONTAINER)) return Promise.reject(refused(ip, port))
      return this.hooks.outbound(origin.pod, { host, ip, port }, req, (target, r) =>
        target ? this.deliver(origin, target.ip, target.port, r) : this.route(origin, ip, port, r)
      )
    }
    return this.route(origin, ip, port, req)
  }

  /** Routes a connection to `ip:port` as the node's iptables rules do (no sidecar involved). */
  route(origin: Origin, ip: string, port: number, req: HttpRequest): Promise<HttpResponse> {
    const svc = this.o.services.byClusterIP(ip)
    if (svc) {
      const sp = svc.ports.find((p) => p.port === port)
      const b = sp && this.o.proxy.choose(svc, sp, originIp(origin))
      return b ? this.deliver(origin, b.ip, b.port, req) : Promise.reject(refused(ip, port))
    }
    const node = isIpv4(ip) ? this.o.nodeAt(ip) : undefined
    if (node !== undefined) {
      const np = this.o.services.nodePort(port)
      // Not a NodePort: a hostNetwork pod on that node may listen there.
      if (!np) return this.deliver(origin, ip, port, req)
      const b = this.o.proxy.choose(np.svc, np.port, originIp(origin), node)
      return b ? this.deliver(origin, b.ip, b.port, req) : Promise.reject(refused(ip, port))
    }
    if (ip.startsWith('127.') && origin.kind === 'pod')
      return this.deliver(origin, origin.pod.ip, port, req, true)
    return this.deliver(origin, ip, port, req)
  }

  /**
   * Delivers a request to the pod at `ip:port`: refused unless the pod is Running with the
   * listening container running; through its sidecar's inbound hook when it has one (not for
   * loopback traffic, which istio-init does not capture), then the app host.
   */
  deliver(
    from: Origin,
    ip: string,
    port: number,
    req: HttpRequest,
    loopback = false
  ): Promise<HttpResponse> {
    const e = this.o.pods.byAddress(ip)
    if (!e || listeningContainer(e, port) === undefined) return Promise.reject(refused(ip, port))
    const to = e.info
    if (!to.hasSidecar || loopback) return this.apps.serve(to, port, from, req)
    return this.hooks.inbound(to, port, from, req, (r) => this.apps.serve(to, port, from, r))
  }

  /** Returns the target as kube-proxy would reach it, for callers that hold a Target. */
  deliverTo(from: Origin, target: Target, req: HttpRequest): Promise<HttpResponse> {
    return this.deliver(from, target.ip, target.port, req)
  }
}

function originIp(o: Origin): string {
  return o.kind === 'host' ? o.ip : o.pod.ip
}

/** The parts of an http URL the network needs. */
interface HttpUrl {
  hostname: string
  port: string
  /** `host[:port]` as written (the authority). */
  host: string
  path: string
}

const SIMPLE_URL = /^http:\/\/([a-z0-9.-]+)(?::(\d{1,5}))?(\/[^\s#]*)?$/i

// URLs sent again and again (a proxy's span POSTs, an app's upstream): each is parsed once.
const parsed = new Map<string, HttpUrl | string>()

/** Parses an http URL, from the cache of URLs seen before (bounded). */
function parseHttpUrl(url: string): HttpUrl | string {
  let u = parsed.get(url)
  if (u === undefined) {
    u = parseUrl(url)
    if (parsed.size >= 4096) parsed.clear()
    parsed.set(url, u)
  }
  return u
}

/** Parses an http URL (a fast path for the plain `http://name[:port]/path` apps send). */
function parseUrl(url: string): HttpUrl | string {
  const m = SIMPLE_URL.exec(url)
  if (m) {
    const hostname = m[1]!.toLowerCase()
    const port = m[2] === '80' ? '' : (m[2] ?? '')
    return { hostname, port, host: port ? `${hostname}:${port}` : hostname, path: m[3] ?? '/' }
  }
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return 'malformed URL'
  }
  if (u.protocol !== 'http:') return 'only http:// is simulated'
  return { hostname: u.hostname, port: u.port, host: u.host, path: u.pathname + u.search }
}
