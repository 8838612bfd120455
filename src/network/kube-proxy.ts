import type { Backend, ServiceEntry, ServicePortEntry } from './service-table.js'

const MAX_AFFINITY_ENTRIES = 65_536

/**
 * Chooses a Service port's backend for one connection as kube-proxy's iptables rules do: uniformly
 * at random among the ready endpoints (`--probability` rules), only the node's own endpoints
 * for `externalTrafficPolicy: Local` on a NodePort, and with `sessionAffinity: ClientIP` the
 * endpoint a client IP last reached while it stays ready and the timeout has not passed
 * (the `recent` module, refreshed on every packet).
 */
export class KubeProxy {
  private random: () => number
  private now: () => number
  private affinity = new Map<string, { ip: string; port: number; at: number }>()

  constructor(o: { random?: () => number; now?: () => number } = {}) {
    this.random = o.random ?? Math.random
    this.now = o.now ?? Date.now
  }

  /**
   * Returns the backend for a connection from `clientIp`, or undefined when the rules REJECT
   * (no ready endpoint). `node` is set when the connection arrived on that node's NodePort.
   */
  choose(
    svc: ServiceEntry,
    port: ServicePortEntry,
    clientIp: string,
    node?: string
  ): Backend | undefined {
    let list = port.backends
    if (node !== undefined && svc.local) list = list.filter((b) => b.nodeName === node)
    if (list.length === 0) return undefined
    // One endpoint: the chain has no `--probability` rule to draw for.
    if (svc.affinitySeconds <= 0)
      return list.length === 1 ? list[0] : list[Math.floor(this.random() * list.length)]
    const key = `${svc.namespace}/${svc.name}:${port.name}|${clientIp}`
    const now = this.now()
    const rec = this.affinity.get(key)
    if (rec && now - rec.at < svc.affinitySeconds * 1000) {
      const b = list.find((x) => x.ip === rec.ip && x.port === rec.port)
      if (b) {
        rec.at = now
        return b
      }
    }
    const b = list[Math.floor(this.random() * list.length)]!
    if (this.affinity.size >= MAX_AFFINITY_ENTRIES) this.affinity.clear()
    this.affinity.set(key, { ip: b.ip, port: b.port, at: now })
    return b
  }
}
