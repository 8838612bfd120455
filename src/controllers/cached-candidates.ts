import type { LabelSelector } from '../api/selectors/index.js'
import type { KubeObject } from '../api/types.js'
import type { Informer } from '../client/index.js'
import { controllerOf, keyOf } from './object-util.js'

/** The informer index that files objects under their controller's UID (orphans under `orphan/<namespace>`). */
export const CONTROLLER_INDEX = 'controller-uid'

/** Adds CONTROLLER_INDEX to an informer (once); returns the informer. */
export function indexByController<T extends KubeObject>(inf: Informer<T>): Informer<T> {
  return inf.addIndex(CONTROLLER_INDEX, (o) => {
    const ctl = controllerOf(o)
    return [ctl?.uid ? ctl.uid : `orphan/${o.metadata.namespace ?? ''}`]
  })
}

/**
 * Returns, from an informer's cache, the objects `owner` may claim that `selector` matches: the
 * ones it controls and the orphans of its namespace: what a list through the API with the
 * selector gives once others' objects (never claimed) are left out. Costs the owner's
 * own objects, not the namespace's. Unordered: sort with `byKey` where the order matters.
 */
export function candidatesFromCache<T extends KubeObject>(
  inf: Informer<T>,
  owner: KubeObject,
  selector: LabelSelector
): T[] {
  // A selector that cannot be written as a query (listSelected) selects nothing.
  if (!selector.isEmpty() && !selector.toString()) return []
  const owned = owner.metadata.uid ? inf.byIndex(CONTROLLER_INDEX, owner.metadata.uid) : []
  const orphans = inf.byIndex(CONTROLLER_INDEX, `orphan/${owner.metadata.namespace ?? ''}`)
  return [...owned, ...orphans].filter(
    (o) =>
      (o.metadata.namespace ?? '') === (owner.metadata.namespace ?? '') &&
      selector.matches(o.metadata.labels)
  )
}

/** Orders objects by key, as a list through the API returns them. */
export function byKey(a: KubeObject, b: KubeObject): number {
  const ka = keyOf(a)
  const kb = keyOf(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
