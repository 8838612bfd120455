import type { Cluster, LbEndpoint } from '../pilot/index.js'

/** What a consistent-hash or least-request pick looks at. */
export interface LbContext {
  headers: Record<string, string>
  sourceIp: string
  /** Active requests per host key (`ip:port`), for LEAST_REQUEST. */
  active: (key: string) => number
  random: () => number
}

/** Returns the key of an endpoint (`ip:port`). */
export function hostKey(e: LbEndpoint): string {
  return `${e.ip}:${e.port}`
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/**
 * A cluster's load balancer (one per cluster per proxy, it keeps the round-robin cursor):
 * ROUND_ROBIN, LEAST_REQUEST (Envoy's power of two choices on active requests), RANDOM, and
 * RING_HASH over the hash policy's key (header, cookie or source IP).
 */
export class LoadBalancer {
  private cursor = 0

  /** Picks one of `hosts` (already filtered for health); undefined when there is none. */
  pick(cluster: Cluster, hosts: readonly LbEndpoint[], ctx: LbContext): LbEndpoint | undefined {
    if (hosts.length === 0) return undefined
    if (hosts.length === 1) return hosts[0]
    switch (cluster.lbPolicy) {
      case 'RANDOM':
        return hosts[Math.floor(ctx.random() * hosts.length)]
      case 'LEAST_REQUEST': {
        const a = hosts[Math.floor(ctx.random() * hosts.length)]!
        const b = hosts[Math.floor(ctx.random() * hosts.length)]!
        return ctx.active(hostKey(b)) < ctx.active(hostKey(a)) ? b : a
      }
      case 'RING_HASH': {
        const key = hashKey(cluster, ctx)
        if (key === undefined) return hosts[Math.floor(ctx.random() * hosts.length)]
        return ringPick(hosts, key, cluster.minimumRingSize ?? 1024)
      }
      default:
        return hosts[this.cursor++ % hosts.length]
    }
  }
}

function hashKey(c: Cluster, ctx: LbContext): string | undefined {
  const hp = c.hashPolicy
  if (!hp) return undefined
  if ('header' in hp) return ctx.headers[hp.header.toLowerCase()]
  if ('cookie' in hp) {
    const cookies = (ctx.headers.cookie ?? '').split(';').map((s) => s.trim())
    const hit = cookies.find((s) => s.startsWith(`${hp.cookie.name}=`))
    return hit?.slice(hp.cookie.name.length + 1)
  }
  return ctx.sourceIp
}

function ringPick(hosts: readonly LbEndpoint[], key: string, ringSize: number): LbEndpoint {
  // A ketama-style ring: each host gets ringSize/hosts points; the key's hash walks clockwise.
  const per = Math.max(1, Math.ceil(ringSize / hosts.length))
  const h = fnv1a(key)
  let best: { d: number; e: LbEndpoint } | undefined
  for (const e of hosts) {
    const k = hostKey(e)
    for (let i = 0; i < per; i += Math.max(1, Math.floor(per / 16))) {
      const p = fnv1a(`${k}_${i}`)
      const d = (p - h + 0x100000000) % 0x100000000
      if (!best || d < best.d) best = { d, e }
    }
  }
  return best!.e
}
