import { isObject, type KubeObject } from '../types.js'

type Obj = Record<string, unknown>
const INTEGER = /^[+-]?\d+$/

/**
 * Returns true when a label (or field) value satisfies one node selector requirement: In, NotIn,
 * Exists, DoesNotExist, and Gt/Lt with exactly one value, both sides whole integers as
 * strconv.ParseInt reads them ("12abc" is no number, so such a requirement matches nothing).
 */
export function nodeRequirementMatches(req: Obj, value: string | undefined): boolean {
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

/** Returns the items of a list field that are objects (a missing or wrong field is empty). */
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : [])

/**
 * Returns true when a pod spec's nodeSelector and required node affinity admit the node, as
 * 1.11's podMatchesNodeSelectorAndAffinityTerms: nodeSelectorTerms are ORed, a term's
 * matchExpressions and matchFields (only `metadata.name`) are ANDed, an empty term matches
 * nothing. `nodeName` is not looked at.
 */
export function specMatchesNode(spec: Obj, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {}
  const selector = isObject(spec.nodeSelector) ? spec.nodeSelector : {}
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) return false
  const affinity = isObject(spec.affinity) ? spec.affinity.nodeAffinity : undefined
  const required = isObject(affinity)
    ? affinity.requiredDuringSchedulingIgnoredDuringExecution
    : undefined
  if (!isObject(required)) return true
  const fieldValue = (key: unknown) => (key === 'metadata.name' ? node.metadata.name : undefined)
  return objects(required.nodeSelectorTerms).some((term) => {
    const exprs = objects(term.matchExpressions)
    const fields = objects(term.matchFields)
    if (exprs.length === 0 && fields.length === 0) return false
    return (
      exprs.every((r) => nodeRequirementMatches(r, labels[String(r.key)])) &&
      fields.every((r) => nodeRequirementMatches(r, fieldValue(r.key)))
    )
  })
}
