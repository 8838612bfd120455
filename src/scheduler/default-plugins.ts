import { generalFilter } from './filters/general.js'
import { interPodAffinityFilter } from './filters/inter-pod-affinity.js'
import { nodeConditionFilter } from './filters/node-condition.js'
import {
  diskPressureFilter,
  memoryPressureFilter,
  pidPressureFilter,
} from './filters/node-pressure.js'
import { taintTolerationFilter } from './filters/taint-toleration.js'
import type { Plugin } from './plugin.js'
import { balancedAllocationScore } from './scores/balanced-allocation.js'
import { leastAllocatedScore } from './scores/least-allocated.js'

/**
 * The default plugins, filters in the 1.11 predicate order (predicates.Ordering(): node
 * condition, general, taints, pressure, inter-pod affinity; evaluation of a node stops at its
 * first failing filter), then the scores.
 */
export const DEFAULT_PLUGINS: readonly Plugin[] = [
  nodeConditionFilter,
  generalFilter,
  taintTolerationFilter,
  memoryPressureFilter,
  pidPressureFilter,
  diskPressureFilter,
  interPodAffinityFilter,
  leastAllocatedScore,
  balancedAllocationScore,
]
