import { nodeConditionFacts } from '../node-condition-facts.js'
import type { KubeObject } from '../../api/types.js'
import { FITS, type Plugin } from '../plugin.js'
import { Reasons } from '../reasons.js'

/**
 * CheckNodeCondition: a node takes pods only while Ready is True, OutOfDisk and
 * NetworkUnavailable are not True, and it is not cordoned (spec.unschedulable).
 */
export const nodeConditionFilter: Plugin = {
  name: 'CheckNodeCondition',
  filter: (_pod, { node }) => conditionReasons(node),
}

// The reasons depend on the Node alone, and informers never change a Node object: one answer
// per Node object, shared by every pod tried against it.
const reasonsOf = new WeakMap<KubeObject, readonly string[]>()

function conditionReasons(node: KubeObject): readonly string[] {
  let reasons = reasonsOf.get(node)
  if (reasons) return reasons
  const out: string[] = []
  const facts = nodeConditionFacts(node)
  for (const c of facts.conditions) {
    if (c.type === 'Ready' && c.status !== 'True') out.push(Reasons.nodeNotReady)
    else if (c.type === 'OutOfDisk' && c.status !== 'False') out.push(Reasons.nodeOutOfDisk)
    else if (c.type === 'NetworkUnavailable' && c.status !== 'False')
      out.push(Reasons.nodeNetworkUnavailable)
  }
  if (facts.unschedulable) out.push(Reasons.nodeUnschedulable)
  reasons = out.length ? Object.freeze(out) : FITS
  reasonsOf.set(node, reasons)
  return reasons
}
