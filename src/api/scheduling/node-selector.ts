import type { Node, NodeSelectorRequirement, PodSpec } from '../core-types.js'
import { isObject, objectField, objectItems } from '../types.js'

const INTEGER = /^[+-]?\d+$/

/**
 * Returns true when a label (or field) value satisfies one node selector requirement: In, NotIn,
 * Exists, DoesNotExist, and Gt/Lt with exactly one value, both sides whole integers as
 * strconv.ParseInt reads them ("12abc" is no number, so such a requirement matches nothing).
 */
export function nodeRequirementMatches(
  req: NodeSelectorRequirement,
  value: string | undefined
): boolean {
  const values = Array.isArray(req.values) ? req.values.map(String) : []
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value)
    case 'NotIn':
      return value === undefined || !values.includes(value)
    case 'Exists':
      return value !== undefined
    case 'DoesNotExist':
      return value === undefined
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false
      if (!INTEGER.test(value) || !INTEGER.test(values[0]!)) return false
      const [have, want] = [Number(value), Number(values[0])]
      return req.operator === 'Gt' ? have > want : have < want
    }
  }
  return false
}

/**
 * Returns true when a pod spec's nodeSelector and required node affinity admit the node, as
 * 1.11's podMatchesNodeSelectorAndAffinityTerms: nodeSelectorTerms are ORed, a term's
 * matchExpressions and matchFields (only `metadata.name`) are ANDed, an empty term matches
 * nothing. `nodeName` is not looked at.
 */
export function specMatchesNode(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {}
  const selector = spec.nodeSelector
  if (isObject(selector) && Object.entries(selector).some(([k, v]) => labels[k] !== v)) return false
  const required = objectField(
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  )
  if (!required) return true
  const fieldValue = (key: unknown) => (key === 'metadata.name' ? node.metadata.name : undefined)
  return objectItems(required.nodeSelectorTerms).some((term) => {
    const exprs = objectItems(term.matchExpressions)
    const fields = objectItems(term.matchFields)
    if (exprs.length === 0 && fields.length === 0) return false
    return (
      exprs.every((r) => nodeRequirementMatches(r, labels[String(r.key)])) &&
      fields.every((r) => nodeRequirementMatches(r, fieldValue(r.key)))
    )
  })
}
