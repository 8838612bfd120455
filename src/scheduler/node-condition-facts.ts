import { conditionsOf } from '../api/conditions.js'
import { isObject, type KubeObject } from '../api/types.js'

/** The condition statuses and cordon of a Node that the scheduler's filters look at. */
export interface NodeConditionFacts {
  /** Type and status of each condition, in the Node's order (CheckNodeCondition reports in it). */
  conditions: readonly { type: unknown; status: unknown }[]
  /** The types of the conditions whose status is True. */
  trueTypes: ReadonlySet<unknown>
  unschedulable: boolean
}

// Informers replace a Node on every update and never change one, so its facts are read once per
// Node object, not once per filter, node and pod (5,000 nodes × every pod scheduled).
const factsOf = new WeakMap<KubeObject, NodeConditionFacts>()

/** Returns a Node's condition statuses and cordon (computed once per Node object). */
export function nodeConditionFacts(node: KubeObject): NodeConditionFacts {
  let facts = factsOf.get(node)
  if (!facts) {
    const conditions = conditionsOf(node).map((c) => ({ type: c.type, status: c.status }))
    facts = {
      conditions,
      trueTypes: new Set(conditions.filter((c) => c.status === 'True').map((c) => c.type)),
      unschedulable: isObject(node.spec) && node.spec.unschedulable === true,
    }
    factsOf.set(node, facts)
  }
  return facts
}
