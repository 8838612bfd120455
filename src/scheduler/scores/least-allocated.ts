import type { KubeObject } from '../../api/types.js'
import type { NodeInfo, Plugin } from '../plugin.js'
import { podFacts } from '../node-info.js'

/** Returns the cpu and memory a node would have requested with the pod on it (non-zero defaults). */
export function requestedWith(pod: KubeObject, info: NodeInfo): { cpu: number; memory: number } {
  const p = podFacts(pod).nonzero
  return { cpu: info.nonzeroRequested.cpu + p.cpu, memory: info.nonzeroRequested.memory + p.memory }
}

function unusedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.floor(((capacity - requested) * 10) / capacity)
}

/**
 * LeastRequestedPriority: favours nodes with more cpu and memory left after placing the pod,
 * `(capacity − requested) × 10 / capacity` for each, averaged (integer arithmetic as in 1.11).
 */
export const leastAllocatedScore: Plugin = {
  name: 'LeastRequestedPriority',
  weight: 1,
  score(pod, info) {
    const r = requestedWith(pod, info)
    const cpu = unusedScore(r.cpu, info.allocatable.cpu ?? 0)
    const memory = unusedScore(r.memory, info.allocatable.memory ?? 0)
    return Math.floor((cpu + memory) / 2)
  },
}
