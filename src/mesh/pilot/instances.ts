import type { Pod } from '../../api/core-types.js'
import { nameOf, nsOf, type MeshObjects } from '../model/mesh-objects.js'
import type { MeshService, ServicePort } from './service-registry.js'

/** One endpoint of a service port (`model.ServiceInstance`). */
export interface ServiceInstance {
  ip: string
  /** The endpoint's port (the pod's container port). */
  port: number
  servicePort: ServicePort
  labels: Record<string, string>
  /** `ns/name` of the pod behind the address, when known. */
  pod?: string
  serviceAccount?: string
}

/** Indexes pods by IP (running pods win over finished ones holding the same IP). */
export function podsByIp(pods: readonly Pod[]): Map<string, Pod> {
  const out = new Map<string, Pod>()
  for (const p of pods) {
    const st = p.status
    if (!st?.podIP) continue
    if (st.phase === 'Succeeded' || st.phase === 'Failed') continue
    out.set(st.podIP, p)
  }
  return out
}

/** Returns a pod's service account name (`default` when unset). */
export function serviceAccountOf(pod: Pod): string {
  return pod.spec?.serviceAccountName ?? pod.spec?.serviceAccount ?? 'default'
}

/**
 * Returns the ready endpoints of every port of a service, from its Endpoints object (Kubernetes
 * Services) or its ServiceEntry endpoints (STATIC resolution). Labels come from the pods.
 */
export function serviceInstances(
  m: MeshObjects,
  svc: MeshService,
  byIp: Map<string, Pod>
): ServiceInstance[] {
  if (svc.entry) return entryInstances(svc)
  const ep = m.endpoints.find((e) => nameOf(e) === svc.name && nsOf(e) === svc.namespace)
  // Go's zero values stand in for an address's or port's missing ip and port.
  const subsets = ep?.subsets ?? []
  const out: ServiceInstance[] = []
  for (const sub of subsets) {
    for (const p of sub.ports ?? []) {
      const sp = svc.ports.find((x) => x.name === (p.name ?? ''))
      if (!sp) continue
      for (const a of sub.addresses ?? []) {
        const pod = byIp.get(a.ip ?? '')
        out.push({
          ip: a.ip ?? '',
          port: p.port ?? 0,
          servicePort: sp,
          labels: pod?.metadata.labels ?? {},
          ...(pod
            ? { pod: `${nsOf(pod)}/${nameOf(pod)}`, serviceAccount: serviceAccountOf(pod) }
            : {}),
        })
      }
    }
  }
  return out
}

function entryInstances(svc: MeshService): ServiceInstance[] {
  if (svc.entry?.resolution !== 'STATIC') return []
  return (svc.entry.endpoints ?? []).flatMap((e) =>
    svc.ports.map((sp) => ({
      ip: e.address ?? '',
      port: e.ports?.[sp.name] ?? sp.port,
      servicePort: sp,
      labels: e.labels ?? {},
    }))
  )
}

/** Returns true when every selector label is on the object. */
export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>) {
  return Object.entries(selector).every(([k, v]) => labels[k] === v)
}
