import type { MicroService, MsbNode } from './micro-service.js'

/** One service instance in Consul's catalog (the fields `/v1/catalog/service/<name>` returns). */
export interface CatalogEntry {
  Node: string
  Address: string
  ServiceID: string
  ServiceName: string
  ServiceTags: string[]
  ServiceAddress: string
  ServicePort: number
}

// msb-discovery keeps a microservice's attributes in Consul tags of the form `name:{json}`
// (base, lb, labels, ns). The tag layout is UNCONFIRMED (reference §7); only this file knows it.
const TAG = /^(\w+):(\{.*\})$/

/** Returns the Consul registration of one node of a microservice. */
export function toCatalogRegistration(svc: MicroService, node: MsbNode): Record<string, unknown> {
  const id = `_${svc.serviceName}_${node.ip}_${node.port}`
  const tags = [
    `base:${JSON.stringify({ protocol: svc.protocol, url: svc.url, version: svc.version, path: svc.path, enable_ssl: svc.enable_ssl, is_manual: svc.is_manual })}`,
    `lb:${JSON.stringify({ lb_policy: svc.lb_policy })}`,
    `labels:${JSON.stringify({ visualRange: svc.visualRange })}`,
    `ns:${JSON.stringify({ namespace: svc.namespace })}`,
  ]
  return {
    Node: id,
    Address: node.ip,
    Service: {
      ID: `${id}_${svc.version || 'null'}`,
      Service: consulName(svc),
      Tags: tags,
      Address: node.ip,
      Port: Number(node.port),
    },
  }
}

/** Returns the Consul service name of a microservice (`name`, or `name-namespace`). */
export function consulName(svc: { serviceName: string; namespace: string }): string {
  return svc.namespace ? `${svc.serviceName}-${svc.namespace}` : svc.serviceName
}

/**
 * Returns the microservices (one per version) whose nodes are these catalog entries of one
 * Consul service; entries without msb-discovery's tags (Consul's own) are left out.
 */
export function fromCatalogEntries(entries: readonly CatalogEntry[]): MicroService[] {
  const byVersion = new Map<string, MicroService>()
  for (const e of entries) {
    const tags = parseTags(e.ServiceTags)
    const base = tags.base
    if (!base) continue
    const version = str(base.version)
    const ns = str(tags.ns?.namespace)
    const name =
      ns && e.ServiceName.endsWith(`-${ns}`)
        ? e.ServiceName.slice(0, -ns.length - 1)
        : e.ServiceName
    let svc = byVersion.get(version)
    if (!svc) {
      svc = {
        serviceName: name,
        version,
        url: str(base.url),
        protocol: str(base.protocol),
        visualRange: str(tags.labels?.visualRange) || '1',
        lb_policy: str(tags.lb?.lb_policy),
        namespace: ns,
        path: str(base.path),
        enable_ssl: base.enable_ssl === true,
        nodes: [],
        metadata: [],
        labels: [],
        status: '1',
        is_manual: base.is_manual === true,
      }
      byVersion.set(version, svc)
    }
    svc.nodes.push({
      ip: e.ServiceAddress || e.Address,
      port: String(e.ServicePort),
      nodeId: e.ServiceID,
      status: 'passing',
    })
  }
  return [...byVersion.values()]
}

function parseTags(tags: readonly string[]): Record<string, Record<string, unknown> | undefined> {
  const out: Record<string, Record<string, unknown> | undefined> = {}
  for (const t of tags) {
    const m = TAG.exec(t)
    if (!m?.[1] || !m[2]) continue
    try {
      out[m[1]] = JSON.parse(m[2]) as Record<string, unknown>
    } catch {
      // A tag that only looks like ours (someone else's service); ignored as msb-discovery does.
    }
  }
  return out
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
