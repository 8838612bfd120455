import { asObject, isObject, type KubeObject } from '../api/types.js'
import { podHostPorts, podNonzeroRequests, podRequests } from './resources.js'

/** Returns the node a pod is bound to ('' when unbound). */
export function podNodeName(pod: KubeObject): string {
  return isObject(pod.spec) && typeof pod.spec.nodeName === 'string' ? pod.spec.nodeName : ''
}

/** Returns true for a pod that no longer holds resources (Succeeded or Failed). */
export function podFinished(pod: KubeObject): boolean {
  const phase = isObject(pod.status) ? pod.status.phase : undefined
  return phase === 'Succeeded' || phase === 'Failed'
}

/** What a pod takes on its node, parsed once per pod object. */
export interface PodFacts {
  requests: ReturnType<typeof podRequests>
  nonzero: ReturnType<typeof podNonzeroRequests>
  ports: ReturnType<typeof podHostPorts>
}

// Informers replace an object on every update, never change one, so a pod's facts can be kept
// with the object and no scheduling cycle parses a pod's quantities again. They come from the
// spec alone, which the versions of a pod share until the spec changes (a status write leaves
// it as it was): kept with the spec, they are parsed once per spec, not once per status write.
const factsOf = new WeakMap<object, PodFacts>()

/** Returns a pod's requests, non-zero requests and host ports (computed once per pod spec). */
export function podFacts(pod: KubeObject): PodFacts {
  const holder = isObject(pod.spec) ? pod.spec : pod
  let facts = factsOf.get(holder)
  if (!facts) {
    facts = {
      requests: podRequests(pod),
      nonzero: podNonzeroRequests(pod),
      ports: podHostPorts(pod),
    }
    factsOf.set(holder, facts)
  }
  return facts
}

/** Returns true for a pod with pod affinity or anti-affinity (NodeInfo.podsWithAffinity). */
export function hasPodAffinity(pod: KubeObject): boolean {
  const spec = asObject(pod.spec)
  const affinity = asObject(spec.affinity)
  return affinity.podAffinity !== undefined || affinity.podAntiAffinity !== undefined
}
