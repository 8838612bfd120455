import { isStatusError } from '../api/errors.js'
import type { Pod, PodCondition } from '../api/core-types.js'
import { podsRef } from './core-refs.js'
import { PatchType, type KubeClient } from './kube-client.js'

/**
 * Writes a pod's `status.conditions` (a merge patch of the status subresource, as the scheduler's
 * podConditionUpdater and the node controller write them); a pod deleted meanwhile is no error.
 */
export async function patchPodConditions(
  client: KubeClient,
  pod: Pod,
  conditions: readonly PodCondition[]
): Promise<void> {
  try {
    await client.patch(
      podsRef,
      pod.metadata.name ?? '',
      pod.metadata.namespace,
      { status: { conditions } },
      PatchType.merge,
      { subresource: 'status' }
    )
  } catch (err) {
    if (!isStatusError(err, 'NotFound')) throw err
  }
}
