import type { Node, Pod, Taint, Toleration } from '../core-types.js'
import { objectItems } from '../types.js'

/** A node taint and a pod toleration (core/v1, generated from the OpenAPI data). */
export type { Taint, Toleration }

/** Returns the taints of a Node. */
export function nodeTaints(node: Node): Taint[] {
  return objectItems(node.spec?.taints)
}

/** Returns the tolerations of a Pod (or of a pod spec's `tolerations`). */
export function podTolerations(pod: Pod): Toleration[] {
  return objectItems(pod.spec?.tolerations)
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
    (taint) =>
      taint.effect !== undefined &&
      effects.includes(taint.effect) &&
      !tolerations.some((t) => toleratesTaint(t, taint))
  )
}
