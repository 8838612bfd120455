import type { KubeObject } from '../../api/types.js'
import type { WorkloadAttrs } from '../report.js'

/** Returns the workload a pod belongs to: its Deployment (ReplicaSet minus the hash), its owner, or itself. */
export function workloadName(pod: KubeObject): string {
  const owner = pod.metadata.ownerReferences?.[0]
  if (!owner) return pod.metadata.name ?? 'unknown'
  const hash = pod.metadata.labels?.['pod-template-hash']
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`))
    return owner.name.slice(0, -hash.length - 1)
  return owner.name
}

// Pod objects are replaced, never mutated, on every change: one attribute object per pod and
// principal serves all its reports (reports are read-only to their consumers).
const cache = new WeakMap<KubeObject, Map<string | undefined, WorkloadAttrs>>()

/** Returns the report attributes of a pod's workload (`unknown` fallbacks as Istio 1.0's config). */
export function workloadAttrs(pod: KubeObject | undefined, principal?: string): WorkloadAttrs {
  if (!pod) return unknownWorkload()
  let byPrincipal = cache.get(pod)
  if (!byPrincipal) {
    byPrincipal = new Map()
    cache.set(pod, byPrincipal)
  }
  let attrs = byPrincipal.get(principal)
  if (!attrs) {
    attrs = attrsOf(pod, principal)
    // A pod's principals are few (none, its own, its peers' few service accounts).
    if (byPrincipal.size < 64) byPrincipal.set(principal, attrs)
  }
  return attrs
}

function attrsOf(pod: KubeObject, principal: string | undefined): WorkloadAttrs {
  const labels = pod.metadata.labels ?? {}
  return {
    app: labels.app ?? 'unknown',
    version: labels.version ?? 'unknown',
    workload: workloadName(pod),
    namespace: pod.metadata.namespace ?? 'unknown',
    principal: principal ?? 'unknown',
    pod: pod.metadata.name ?? 'unknown',
    ip: (pod as unknown as { status?: { podIP?: string } }).status?.podIP ?? 'unknown',
  }
}

// One attribute object per outside address, as for pods (the report's views key on it); bounded.
const outside = new Map<string, WorkloadAttrs>()

/** Returns the attributes of a workload outside the mesh (the same object for the same IP). */
export function unknownWorkload(ip = 'unknown'): WorkloadAttrs {
  let w = outside.get(ip)
  if (!w) {
    if (outside.size >= 1024) outside.clear()
    w = {
      app: 'unknown',
      version: 'unknown',
      workload: 'unknown',
      namespace: 'unknown',
      principal: 'unknown',
      pod: 'unknown',
      ip,
    }
    outside.set(ip, w)
  }
  return w
}
