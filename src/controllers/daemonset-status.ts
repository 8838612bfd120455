import { isStatusError } from '../api/errors.js'
import type { ControllerContext } from './controller.js'
import { daemonPlacement } from './node-eligibility.js'
import type { MutationCache } from './mutation-cache.js'
import { intOr, isNotFound, jsonEqual, keyOf, omitEmpty } from './object-util.js'
import { REVISION_HASH } from './pod-template-hash.js'
import { isPodAvailable, isPodReady } from './pod-util.js'
import { Refs } from '../client/index.js'
import type { Node, Pod, Workload } from './workload-types.js'

/**
 * Writes the status (storeDaemonSetStatus); a conflict (the cached DaemonSet was behind) reads
 * it through the API and writes again, unless it has that status already.
 */
export async function writeDaemonSetStatus(
  ctx: ControllerContext,
  ds: Workload,
  status: Record<string, unknown>,
  cache: MutationCache<Workload> | undefined
): Promise<void> {
  let written: Workload
  try {
    written = await ctx.client.update(Refs.daemonSets, { ...ds, status }, { subresource: 'status' })
  } catch (err) {
    if (!cache || !isStatusError(err, 'Conflict')) throw err
    const { name = '', namespace } = ds.metadata
    cache.forget(keyOf(ds))
    let fresh: Workload
    try {
      fresh = await ctx.client.get<Workload>(Refs.daemonSets, name, namespace)
    } catch (e) {
      if (isNotFound(e)) return
      throw e
    }
    if (fresh.metadata.uid !== ds.metadata.uid || jsonEqual(status, fresh.status ?? {})) return
    written = await ctx.client.update(
      Refs.daemonSets,
      { ...fresh, status },
      { subresource: 'status' }
    )
  }
  cache?.mutated(written)
}

/** Returns a DaemonSet's status from its pods on each node (updateDaemonSetStatus). */
export function daemonSetStatus(
  ctx: ControllerContext,
  ds: Workload,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string
): Record<string, unknown> {
  const podSpec = ds.spec?.template?.spec ?? {}
  const minReady = intOr(ds.spec?.minReadySeconds, 0)
  let desired = 0
  let current = 0
  let misscheduled = 0
  let ready = 0
  let available = 0
  let updated = 0
  for (const node of nodes) {
    const here = [...(byNode.get(node.metadata.name ?? '') ?? [])].sort(
      (a, b) =>
        (Date.parse(a.metadata.creationTimestamp ?? '') || 0) -
        (Date.parse(b.metadata.creationTimestamp ?? '') || 0)
    )
    if (!daemonPlacement(podSpec, node).wantToRun) {
      if (here.length) misscheduled++
      continue
    }
    desired++
    const pod = here[0]
    if (!pod) continue
    current++
    if (isPodReady(pod)) {
      ready++
      if (isPodAvailable(pod, minReady, ctx.clock)) available++
    }
    if (pod.metadata.labels?.[REVISION_HASH] === hash) updated++
  }
  return omitEmpty(
    {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
      collisionCount: ds.status?.collisionCount,
    },
    ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady']
  )
}
