import { isObject, type KubeObject } from '../api/types.js'

/** A node taint (v1.Taint). */
export interface Taint {
  key: string
  value?: string
  effect: string
  timeAdded?: string
}

/** A pod toleration (v1.Toleration). */
export interface Toleration {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number
}

/** Returns the taints of a Node. */
export function nodeTaints(node: KubeObject): Taint[] {
  const spec = isObject(node.spec) ? node.spec : {}
  return (Array.isArray(spec.taints) ? spec.taints : []).filter(isObject) as unknown as Taint[]
}

/** Returns the tolerations of a Pod. */
export function podTolerations(pod: KubeObject): Toleration[] {
  const spec = isObject(pod.spec) ? pod.spec : {}
  return (Array.isArray(spec.tolerations) ? spec.tolerations : []).filter(
    isObject
  ) as unknown as Toleration[]
}

/**
 * Returns true when a toleration tolerates a taint (v1.Toleration.ToleratesTaint): the effects
 * match or the toleration names none; an empty key with `Exists` matches every key; `Exists`
 * ignores the value and `Equal` (the default) compares it.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key !== taint.key && !(t.operator === 'Exists' && !t.key)) return false
  if (t.operator === 'Exists') return true
  return (t.value ?? '') === (taint.value ?? '')
}

/** Returns the taints (of the given effects) that no toleration tolerates. */
export function untoleratedTaints(
  taints: Taint[],
  tolerations: Toleration[],
  effects: string[]
): Taint[] {
  return taints.filter(
    (taint) => effects.includes(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint))
  )
}
