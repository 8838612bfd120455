import type { Pod } from '../../api/core-types.js'
import { nameOf, nsOf } from '../model/mesh-objects.js'
import { serviceAccountOf } from './instances.js'
import type { ProxyNode } from './types.js'

/** Returns true when the pod runs Envoy as a gateway (`proxy router`), not as a sidecar. */
export function isRouterPod(pod: Pod): boolean {
  const cs = pod.spec?.containers ?? []
  return cs.some((c) => {
    const i = (c.args ?? []).indexOf('proxy')
    return i >= 0 && c.args![i + 1] === 'router'
  })
}

/** Returns the Envoy node of a pod's proxy (`ServiceNode`). */
export function proxyNodeOf(pod: Pod): ProxyNode {
  const ns = nsOf(pod)
  const ip = pod.status?.podIP ?? ''
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
