import type { KubeObject } from '../../api/types.js'
import { nameOf, nsOf, specOf } from '../model/mesh-objects.js'
import { serviceAccountOf } from './instances.js'
import type { ProxyNode } from './types.js'

/** Returns true when the pod runs Envoy as a gateway (`proxy router`), not as a sidecar. */
export function isRouterPod(pod: KubeObject): boolean {
  const cs = specOf<{ containers?: { args?: string[] }[] }>(pod).containers ?? []
  return cs.some((c) => {
    const i = (c.args ?? []).indexOf('proxy')
    return i >= 0 && c.args![i + 1] === 'router'
  })
}

/** Returns the Envoy node of a pod's proxy (`ServiceNode`). */
export function proxyNodeOf(pod: KubeObject): ProxyNode {
  const ns = nsOf(pod)
  const ip = (pod as unknown as { status?: { podIP?: string } }).status?.podIP ?? ''
  const type = isRouterPod(pod) ? 'router' : 'sidecar'
  return {
    id: `${type}~${ip}~${nameOf(pod)}.${ns}~${ns}.svc.cluster.local`,
    type,
    ip,
    pod: nameOf(pod),
    namespace: ns,
    labels: pod.metadata.labels ?? {},
    serviceAccount: serviceAccountOf(pod),
  }
}
