import { isPodReady } from './pod-util.js'
import type { Pod, Service, ServicePort } from './workload-types.js'

/** An endpoint address. */
export interface EndpointAddress {
  ip: string
  hostname?: string
  nodeName?: string
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string; resourceVersion: string }
}

/** An endpoint port. */
export interface EndpointPort {
  name?: string
  port: number
  protocol: string
}

/** An Endpoints subset. */
export interface EndpointSubset {
  addresses?: EndpointAddress[]
  notReadyAddresses?: EndpointAddress[]
  ports: EndpointPort[]
}

const TOLERATE_UNREADY = 'service.alpha.kubernetes.io/tolerate-unready-endpoints'

/** Returns the container port a service port targets on a pod (podutil.FindPort), if any. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port
  if (typeof target === 'number') return target
  if (/^\d+$/.test(target)) return Number(target)
  const protocol = sp.protocol ?? 'TCP'
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort
  }
  return undefined
}

/** Returns false for pods that will never serve again (shouldPodBeInEndpoints). */
function mayServe(pod: Pod): boolean {
  const phase = pod.status?.phase
  switch (pod.spec?.restartPolicy) {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded'
    case 'OnFailure':
      return phase !== 'Succeeded'
    default:
      return true
  }
}

/**
 * Returns the subsets of a Service's Endpoints: one address per pod with an IP and per service
 * port it exposes, ready pods under `addresses` and the rest under `notReadyAddresses` (all
 * ready with publishNotReadyAddresses), packed so that pods with the same ports share a subset
 * (endpoints.RepackSubsets), sorted by IP.
 */
export function endpointSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const tolerate =
    svc.spec?.publishNotReadyAddresses === true ||
    svc.metadata.annotations?.[TOLERATE_UNREADY] === 'true'
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >()
  for (const pod of pods) {
    const ip = pod.status?.podIP
    if (!ip || (pod.metadata.deletionTimestamp && !tolerate)) continue
    const ready = tolerate || isPodReady(pod)
    if (!ready && !mayServe(pod)) continue
    const ports: EndpointPort[] = []
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp)
      if (port !== undefined)
        ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' })
    }
    if (ports.length === 0 && (svc.spec?.ports ?? []).length > 0) continue
    const spec = pod.spec ?? {}
    const addr: EndpointAddress = {
      ip,
      ...(spec.hostname && spec.subdomain === svc.metadata.name ? { hostname: spec.hostname } : {}),
      ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        uid: pod.metadata.uid ?? '',
        resourceVersion: pod.metadata.resourceVersion ?? '',
      },
    }
    ports.sort((a, b) =>
      (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port
    )
    const key = JSON.stringify(ports)
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }))
    if (ready) g.ready.push(addr)
    else g.notReady.push(addr)
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0)
  return [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ports: g.ports,
  }))
}
