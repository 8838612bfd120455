import { isObject, type KubeObject } from '../api/types.js'
import type { NodeInfo, Snapshot } from './plugin.js'
import { allocatableOf, podHostPorts, podNonzeroRequests, podRequests } from './resources.js'

/** Returns the node a pod is bound to ('' when unbound). */
export function podNodeName(pod: KubeObject): string {
  return isObject(pod.spec) && typeof pod.spec.nodeName === 'string' ? pod.spec.nodeName : ''
}

/** Returns true for a pod that no longer holds resources (Succeeded or Failed). */
export function podFinished(pod: KubeObject): boolean {
  const phase = isObject(pod.status) ? pod.status.phase : undefined
  return phase === 'Succeeded' || phase === 'Failed'
}

interface PodFacts {
  requests: ReturnType<typeof podRequests>
  nonzero: ReturnType<typeof podNonzeroRequests>
  ports: ReturnType<typeof podHostPorts>
}

// Informers replace an object on every update, never change one, so a pod's facts can be kept
// with the object and each snapshot need not parse every pod's quantities again.
const factsOf = new WeakMap<KubeObject, PodFacts>()

function podFacts(pod: KubeObject): PodFacts {
  let facts = factsOf.get(pod)
  if (!facts) {
    facts = {
      requests: podRequests(pod),
      nonzero: podNonzeroRequests(pod),
      ports: podHostPorts(pod),
    }
    factsOf.set(pod, facts)
  }
  return facts
}

/** Returns the scheduling snapshot of nodes and the unfinished pods bound (or assumed) to them. */
export function buildSnapshot(nodes: readonly KubeObject[], pods: readonly KubeObject[]): Snapshot {
  const infos = nodes.map((node): NodeInfo => ({
    name: node.metadata.name ?? '',
    node,
    labels: node.metadata.labels ?? {},
    pods: [],
    allocatable: allocatableOf(node),
    requested: {},
    nonzeroRequested: { cpu: 0, memory: 0 },
    usedPorts: [],
  }))
  const byName = new Map(infos.map((n) => [n.name, n]))
  for (const pod of pods) {
    const info = byName.get(podNodeName(pod))
    if (!info || podFinished(pod)) continue
    info.pods.push(pod)
    const facts = podFacts(pod)
    for (const [k, v] of Object.entries(facts.requests))
      info.requested[k] = (info.requested[k] ?? 0) + v
    info.nonzeroRequested.cpu += facts.nonzero.cpu
    info.nonzeroRequested.memory += facts.nonzero.memory
    info.usedPorts.push(...facts.ports)
  }
  return { nodes: infos, byName }
}
