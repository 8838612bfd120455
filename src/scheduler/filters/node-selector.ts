import { isObject, type KubeObject } from '../../api/types.js'

type Obj = Record<string, unknown>

/** Returns true when a node satisfies one node selector requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
export function requirementMatches(req: Obj, value: string | undefined): boolean {
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
      if (
        value === undefined ||
        values.length !== 1 ||
        !/^-?\d+$/.test(value) ||
        !/^-?\d+$/.test(values[0]!)
      )
        return false
      return req.operator === 'Gt'
        ? Number(value) > Number(values[0])
        : Number(value) < Number(values[0])
    }
  }
  return false
}

/**
 * Returns true when a node matches the pod's nodeSelector and its required node affinity
 * (nodeSelectorTerms are ORed; a term's matchExpressions and matchFields are ANDed; an empty term
 * matches nothing) — predicates.podMatchesNodeSelectorAndAffinityTerms.
 */
export function podMatchesNode(pod: KubeObject, node: KubeObject): boolean {
  const spec = isObject(pod.spec) ? pod.spec : {}
  const labels = node.metadata.labels ?? {}
  const selector = isObject(spec.nodeSelector) ? spec.nodeSelector : {}
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) return false
  const affinity =
    isObject(spec.affinity) && isObject(spec.affinity.nodeAffinity)
      ? spec.affinity.nodeAffinity
      : undefined
  const required =
    affinity && isObject(affinity.requiredDuringSchedulingIgnoredDuringExecution)
      ? affinity.requiredDuringSchedulingIgnoredDuringExecution
      : undefined
  if (!required) return true
  const terms = Array.isArray(required.nodeSelectorTerms)
    ? required.nodeSelectorTerms.filter(isObject)
    : []
  return terms.some((term) => {
    const exprs = Array.isArray(term.matchExpressions) ? term.matchExpressions.filter(isObject) : []
    const fields = Array.isArray(term.matchFields) ? term.matchFields.filter(isObject) : []
    if (exprs.length === 0 && fields.length === 0) return false
    const fieldValue = (key: unknown) => (key === 'metadata.name' ? node.metadata.name : undefined)
    return (
      exprs.every((r) => requirementMatches(r, labels[String(r.key)])) &&
      fields.every((r) => requirementMatches(r, fieldValue(r.key)))
    )
  })
}
