import type { KubeObject } from '../api/types.js'

/** A ready endpoint of one Service port: the pod's IP and the resolved target port. */
export interface Backend {
  ip: string
  port: number
  nodeName: string
}

/** One port of a Service, with its ready backends (from the Endpoints object of the same name). */
export interface ServicePortEntry {
  name: string
  port: number
  nodePort: number | undefined
  backends: Backend[]
}

/** A Service as kube-proxy programs it. */
export interface ServiceEntry {
  namespace: string
  name: string
  obj: KubeObject
  /** `None` for a headless Service, empty when not allocated. */
  clusterIP: string
  type: string
  ports: ServicePortEntry[]
  /** `externalTrafficPolicy: Local`. */
  local: boolean
  /** ClientIP affinity timeout in seconds, 0 without affinity. */
  affinitySeconds: number
  /** The ready pod IPs (what a headless Service's name resolves to). */
  readyIps: string[]
}

interface SvcShape {
  spec?: {
    clusterIP?: string
    type?: string
    externalTrafficPolicy?: string
    sessionAffinity?: string
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } }
    ports?: { name?: string; port?: number; nodePort?: number; protocol?: string }[]
  }
}
interface EpShape {
  subsets?: {
    addresses?: { ip?: string; nodeName?: string }[]
    ports?: { name?: string; port?: number; protocol?: string }[]
  }[]
}

/** kube-proxy's default ClientIP affinity timeout (3 hours). */
export const DEFAULT_AFFINITY_SECONDS = 10_800

/** Returns the ready backends of each Endpoints port, by port name. */
export function readyBackends(ep: KubeObject | undefined): Map<string, Backend[]> {
  const out = new Map<string, Backend[]>()
  for (const s of (ep as (KubeObject & EpShape) | undefined)?.subsets ?? []) {
    for (const p of s.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP' || typeof p.port !== 'number') continue
      const list = out.get(p.name ?? '') ?? []
      for (const a of s.addresses ?? [])
        if (a.ip) list.push({ ip: a.ip, port: p.port, nodeName: a.nodeName ?? '' })
      out.set(p.name ?? '', list)
    }
  }
  return out
}

/**
 * The Services and their ready Endpoints, as kube-proxy's caches hold them: by ClusterIP, by
 * `namespace/name` and by NodePort. Each entry is rebuilt only when its Service or Endpoints
 * change, so a request costs map lookups only.
 */
export class ServiceTable {
  private svcs = new Map<string, KubeObject>()
  private eps = new Map<string, KubeObject>()
  private entries = new Map<string, ServiceEntry>()
  private byIp = new Map<string, ServiceEntry>()
  private byNodePort = new Map<number, { svc: ServiceEntry; port: ServicePortEntry }>()
  private listeners: (() => void)[] = []

  /** Calls `fn` after every change (NodePort servers reconcile on it). */
  onChange(fn: () => void): void {
    this.listeners.push(fn)
  }

  /** Records a Service (add or update). */
  setService(svc: KubeObject): void {
    this.svcs.set(keyOf(svc), svc)
    this.rebuild(keyOf(svc))
  }

  /** Forgets a Service. */
  removeService(svc: KubeObject): void {
    this.svcs.delete(keyOf(svc))
    this.rebuild(keyOf(svc))
  }

  /** Records an Endpoints object (add or update). */
  setEndpoints(ep: KubeObject): void {
    this.eps.set(keyOf(ep), ep)
    this.rebuild(keyOf(ep))
  }

  /** Forgets an Endpoints object. */
  removeEndpoints(ep: KubeObject): void {
    this.eps.delete(keyOf(ep))
    this.rebuild(keyOf(ep))
  }

  /** Returns the Service with this ClusterIP. */
  byClusterIP(ip: string): ServiceEntry | undefined {
    return this.byIp.get(ip)
  }

  /** Returns a Service by namespace and name. */
  byName(namespace: string, name: string): ServiceEntry | undefined {
    return this.entries.get(`${namespace}/${name}`)
  }

  /** Returns the Service port that owns a NodePort. */
  nodePort(port: number): { svc: ServiceEntry; port: ServicePortEntry } | undefined {
    return this.byNodePort.get(port)
  }

  /** Returns every Service. */
  all(): IterableIterator<ServiceEntry> {
    return this.entries.values()
  }

  private rebuild(key: string): void {
    const old = this.entries.get(key)
    if (old) {
      if (this.byIp.get(old.clusterIP) === old) this.byIp.delete(old.clusterIP)
      for (const p of old.ports)
        if (p.nodePort !== undefined && this.byNodePort.get(p.nodePort)?.svc === old)
          this.byNodePort.delete(p.nodePort)
      this.entries.delete(key)
    }
    const svc = this.svcs.get(key)
    if (svc) {
      const e = serviceEntry(svc, this.eps.get(key))
      this.entries.set(key, e)
      if (e.clusterIP && e.clusterIP !== 'None') this.byIp.set(e.clusterIP, e)
      for (const p of e.ports)
        if (p.nodePort !== undefined) this.byNodePort.set(p.nodePort, { svc: e, port: p })
    }
    for (const fn of this.listeners) fn()
  }
}

/** Returns kube-proxy's view of one Service and its Endpoints. */
export function serviceEntry(svc: KubeObject, ep: KubeObject | undefined): ServiceEntry {
  const spec = (svc as KubeObject & SvcShape).spec ?? {}
  const ready = readyBackends(ep)
  const type = spec.type ?? 'ClusterIP'
  const exposesNodePorts = type === 'NodePort' || type === 'LoadBalancer'
  return {
    namespace: svc.metadata.namespace ?? '',
    name: svc.metadata.name ?? '',
    obj: svc,
    clusterIP: spec.clusterIP ?? '',
    type,
    ports: (spec.ports ?? [])
      .filter((p) => (p.protocol ?? 'TCP') === 'TCP' && typeof p.port === 'number')
      .map((p) => ({
        name: p.name ?? '',
        port: p.port!,
        nodePort: exposesNodePorts && typeof p.nodePort === 'number' ? p.nodePort : undefined,
        backends: ready.get(p.name ?? '') ?? [],
      })),
    local: spec.externalTrafficPolicy === 'Local',
    affinitySeconds:
      spec.sessionAffinity === 'ClientIP'
        ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS)
        : 0,
    readyIps: [
      ...new Set(
        ((ep as (KubeObject & EpShape) | undefined)?.subsets ?? []).flatMap((s) =>
          (s.addresses ?? []).flatMap((a) => (a.ip ? [a.ip] : []))
        )
      ),
    ],
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`
}
