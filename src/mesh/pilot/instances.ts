import type { KubeObject } from '../../api/types.js'
import { nameOf, nsOf, specOf, type MeshObjects } from '../model/mesh-objects.js'
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

interface EndpointSubset {
  addresses?: { ip: string; targetRef?: { name?: string; namespace?: string } }[]
  ports?: { name?: string; port: number }[]
}

/** Indexes pods by IP (running pods win over finished ones holding the same IP). */
export function podsByIp(pods: readonly KubeObject[]): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>()
  for (const p of pods) {
    const st = (p as unknown as { status?: { podIP?: string; phase?: string } }).status
    if (!st?.podIP) continue
    if (st.phase === 'Succeeded' || st.phase === 'Failed') continue
    out.set(st.podIP, p)
  }
  return out
}

/** Returns a pod's service account name (`default` when unset). */
export function serviceAccountOf(pod: KubeObject): string {
  const spec = specOf<{ serviceAccountName?: string; serviceAccount?: string }>(pod)
  return spec.serviceAccountName ?? spec.serviceAccount ?? 'default'
}

/**
 * Returns the ready endpoints of every port of a service, from its Endpoints object (Kubernetes
 * Services) or its ServiceEntry endpoints (STATIC resolution). Labels come from the pods.
 */
export function serviceInstances(
  m: MeshObjects,
  svc: MeshService,
  byIp: Map<string, KubeObject>
): ServiceInstance[] {
  if (svc.entry) return entryInstances(svc)
  const ep = m.endpoints.find((e) => nameOf(e) === svc.name && nsOf(e) === svc.namespace)
  const subsets = ((ep as unknown as { subsets?: EndpointSubset[] } | undefined)?.subsets ??
    []) as EndpointSubset[]
  const out: ServiceInstance[] = []
  for (const sub of subsets) {
    for (const p of sub.ports ?? []) {
      const sp = svc.ports.find((x) => x.name === (p.name ?? ''))
      if (!sp) continue
      for (const a of sub.addresses ?? []) {
        const pod = byIp.get(a.ip)
        out.push({
          ip: a.ip,
          port: p.port,
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
