import type {
  Cluster,
  LbEndpoint,
  Listener,
  ProxyConfig,
  RouteConfiguration,
} from '../pilot/index.js'

/** A proxy's config indexed for the request path (what Envoy's listener/route/cluster managers hold). */
export class CompiledConfig {
  readonly routes = new Map<string, RouteConfiguration>()
  readonly clusters = new Map<string, Cluster>()
  readonly endpoints = new Map<string, LbEndpoint[]>()
  /** Port → address → listener (no key string built per connection). */
  private byAddress = new Map<number, Map<string, Listener>>()
  private wildcard = new Map<number, Listener>()

  readonly config: ProxyConfig

  constructor(config: ProxyConfig) {
    this.config = config
    for (const r of config.routes) this.routes.set(r.name, r)
    for (const c of config.clusters) this.clusters.set(c.name, c)
    for (const e of config.endpoints) this.endpoints.set(e.clusterName, e.endpoints)
    for (const l of config.listeners) {
      if (l.direction === 'virtual') continue
      if (l.address === '0.0.0.0') this.wildcard.set(l.port, l)
      else {
        let m = this.byAddress.get(l.port)
        if (!m) this.byAddress.set(l.port, (m = new Map()))
        m.set(l.address, l)
      }
    }
  }

  /** Returns the listener a connection to `ip:port` lands on: the exact address, then 0.0.0.0. */
  listenerFor(ip: string, port: number): Listener | undefined {
    return this.byAddress.get(port)?.get(ip) ?? this.wildcard.get(port)
  }
}
