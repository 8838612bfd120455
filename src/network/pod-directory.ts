import type { KubeObject } from '../api/types.js'
import type { PodEndpointInfo } from './types.js'

/** The container an injected sidecar runs in. */
export const SIDECAR_CONTAINER = 'istio-proxy'

interface ContainerSpec {
  name?: string
  ports?: { containerPort?: number; protocol?: string }[]
}
interface PodShape {
  spec?: { nodeName?: string; serviceAccountName?: string; containers?: ContainerSpec[] }
  status?: {
    phase?: string
    podIP?: string
    containerStatuses?: { name?: string; state?: { running?: unknown } }[]
  }
}

/** What the network knows of one pod: its identity and which containers listen. */
export interface PodEntry {
  info: PodEndpointInfo
  /** Container ports declared by each container (TCP). */
  declared: Map<string, number[]>
  /** Names of the containers whose status says running (only while the pod is Running). */
  running: Set<string>
}

/** Returns the network's view of a pod, or undefined while it has no IP. */
export function podEntry(pod: KubeObject): PodEntry | undefined {
  const p = pod as KubeObject & PodShape
  const ip = p.status?.podIP
  if (!ip) return undefined
  const containers = p.spec?.containers ?? []
  const declared = new Map<string, number[]>()
  for (const c of containers) {
    const ports = (c.ports ?? [])
      .filter((x) => (x.protocol ?? 'TCP') === 'TCP' && typeof x.containerPort === 'number')
      .map((x) => x.containerPort!)
    declared.set(c.name ?? '', ports)
  }
  const running = new Set<string>()
  if (p.status?.phase === 'Running')
    for (const s of p.status.containerStatuses ?? [])
      if (s.state?.running && s.name) running.add(s.name)
  return {
    info: {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      ip,
      nodeName: p.spec?.nodeName ?? '',
      labels: pod.metadata.labels ?? {},
      serviceAccount: p.spec?.serviceAccountName ?? 'default',
      hasSidecar: containers.some((c) => c.name === SIDECAR_CONTAINER),
      pod,
    },
    declared,
    running,
  }
}

/**
 * Returns the container that would accept a connection on `port`: the app container declaring
 * it, else the first app container (an undeclared port still reaches the pod's network
 * namespace); undefined when that container is not running, or, for a pod with a sidecar, when
 * istio-proxy (whose iptables redirect catches the connection) is not running.
 */
export function listeningContainer(e: PodEntry, port: number): string | undefined {
  if (e.info.hasSidecar && !e.running.has(SIDECAR_CONTAINER)) return undefined
  let first: string | undefined
  for (const [name, ports] of e.declared) {
    if (name === SIDECAR_CONTAINER) continue
    first ??= name
    if (ports.includes(port)) return e.running.has(name) ? name : undefined
  }
  // The sidecar's own ports (15090 metrics, 15000 admin) are served by the sidecar container.
  if (e.declared.get(SIDECAR_CONTAINER)?.includes(port))
    return e.running.has(SIDECAR_CONTAINER) ? SIDECAR_CONTAINER : undefined
  return first !== undefined && e.running.has(first) ? first : undefined
}

/** The pods of the cluster by IP and by `namespace/name`, kept by the pod informer. */
export class PodDirectory {
  private byKey = new Map<string, PodEntry>()
  private byIp = new Map<string, PodEntry>()

  /** Records a pod's current state (add or update). */
  set(pod: KubeObject): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`
    this.remove(pod)
    const e = podEntry(pod)
    if (!e) return
    this.byKey.set(key, e)
    // hostNetwork pods share the node's IP; the first pod keeps the address.
    if (!this.byIp.has(e.info.ip)) this.byIp.set(e.info.ip, e)
  }

  /** Forgets a pod. */
  remove(pod: KubeObject): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`
    const old = this.byKey.get(key)
    if (!old) return
    this.byKey.delete(key)
    if (this.byIp.get(old.info.ip) === old) this.byIp.delete(old.info.ip)
  }

  /** Returns the pod with this IP. */
  byAddress(ip: string): PodEntry | undefined {
    return this.byIp.get(ip)
  }

  /** Returns a pod by namespace and name. */
  byName(namespace: string, name: string): PodEntry | undefined {
    return this.byKey.get(`${namespace}/${name}`)
  }

  /** Returns every known pod. */
  all(): IterableIterator<PodEntry> {
    return this.byKey.values()
  }
}
