import type { LabelSelector } from '../api/selectors/index.js'
import type { KubeObject } from '../api/types.js'
import type { KubeClient, ResourceRef } from '../client/index.js'
import { controllerOf, controllerRef, isNotFound } from './object-util.js'

/**
 * Returns the candidates `owner` controls, as the ControllerRefManager claims them: owned objects
 * that still match the selector are kept, owned ones that no longer match are released (their
 * owner reference removed), and matching orphans are adopted (a controller reference added)
 * unless the owner or the orphan is being deleted.
 */
export async function claimObjects<T extends KubeObject>(
  client: KubeClient,
  ref: ResourceRef,
  owner: KubeObject,
  selector: LabelSelector,
  candidates: T[]
): Promise<T[]> {
  const uid = owner.metadata.uid
  const out: T[] = []
  for (const obj of candidates) {
    const ctl = controllerOf(obj)
    const matches = selector.matches(obj.metadata.labels)
    if (ctl && ctl.uid === uid) {
      if (matches) out.push(obj)
      else if (!owner.metadata.deletionTimestamp)
        await rewrite(client, ref, obj, (o) => ({
          ...o,
          metadata: {
            ...o.metadata,
            ownerReferences: (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid),
          },
        }))
      continue
    }
    if (ctl || !matches || owner.metadata.deletionTimestamp || obj.metadata.deletionTimestamp)
      continue
    const adopted = await rewrite(client, ref, obj, (o) => ({
      ...o,
      metadata: {
        ...o.metadata,
        ownerReferences: [...(o.metadata.ownerReferences ?? []), controllerRef(owner)],
      },
    }))
    if (adopted) out.push(adopted)
  }
  return out
}

/** Writes a changed copy of an object (with its resourceVersion); undefined when it is gone. */
async function rewrite<T extends KubeObject>(
  client: KubeClient,
  ref: ResourceRef,
  obj: T,
  change: (o: T) => T
): Promise<T | undefined> {
  try {
    return await client.update<T>(ref, change(obj))
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}
