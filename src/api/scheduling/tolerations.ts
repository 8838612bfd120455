import { isObject, type KubeObject } from '../types.js'

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

/** Returns the tolerations of a Pod (or of a pod spec's `tolerations`). */
export function podTolerations(pod: KubeObject): Toleration[] {
  const spec = isObject(pod.spec) ? pod.spec : {}
  return (Array.isArray(spec.tolerations) ? spec.tolerations : []).filter(
    isObject
  ) as unknown as Toleration[]
}

/**
 * Returns true when a toleration tolerates a taint, as 1.11's v1.Toleration.ToleratesTaint: the
 * effects match or the toleration names none; the keys match or the toleration names none; then
 * `Exists` matches any value, `Equal` (or no operator) compares the values, and any other
 * operator matches nothing.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  if (t.operator === 'Exists') return true
  if (!t.operator || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '')
  return false
}

/** Returns the taints (of the given effects) that no toleration tolerates. */
export function untoleratedTaints(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  effects: readonly string[]
): Taint[] {
  return taints.filter(
    (taint) => effects.includes(taint.effect) && !tolerations.some((t) => toleratesTaint(t, taint))
  )
}
