import type { Plugin } from '../plugin.js'
import { requestedWith } from './least-allocated.js'

function fraction(requested: number, capacity: number): number {
  return capacity === 0 ? 1 : requested / capacity
}

/**
 * BalancedResourceAllocation: favours nodes whose cpu and memory would be used in similar
 * proportions, `10 × (1 − |cpuFraction − memoryFraction|)`; 0 when either would be full.
 */
export const balancedAllocationScore: Plugin = {
  name: 'BalancedResourceAllocation',
  weight: 1,
  score(pod, info) {
    const r = requestedWith(pod, info)
    const cpu = fraction(r.cpu, info.allocatable.cpu ?? 0)
    const memory = fraction(r.memory, info.allocatable.memory ?? 0)
    if (cpu >= 1 || memory >= 1) return 0
    return Math.trunc((1 - Math.abs(cpu - memory)) * 10)
  },
}
