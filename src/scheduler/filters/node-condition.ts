import { nodeConditionFacts } from '../node-condition-facts.js'
import type { Plugin } from '../plugin.js'
import { Reasons } from '../reasons.js'

/**
 * CheckNodeCondition: a node takes pods only while Ready is True, OutOfDisk and
 * NetworkUnavailable are not True, and it is not cordoned (spec.unschedulable).
 */
export const nodeConditionFilter: Plugin = {
  name: 'CheckNodeCondition',
  filter(_pod, { node }) {
    const reasons: string[] = []
    const facts = nodeConditionFacts(node)
    for (const c of facts.conditions) {
      if (c.type === 'Ready' && c.status !== 'True') reasons.push(Reasons.nodeNotReady)
      else if (c.type === 'OutOfDisk' && c.status !== 'False') reasons.push(Reasons.nodeOutOfDisk)
      else if (c.type === 'NetworkUnavailable' && c.status !== 'False')
        reasons.push(Reasons.nodeNetworkUnavailable)
    }
    if (facts.unschedulable) reasons.push(Reasons.nodeUnschedulable)
    return reasons
  },
}
