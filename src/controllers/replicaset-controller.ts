import type { KubeObject } from '../api/types.js'
import { claimObjects } from './claim.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { intOr, isNotFound, jsonEqual, listSelected, selectorOf, splitKey } from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { PodControl, slowStartBatch } from './pod-control.js'
import { compareForDeletion, isPodActive, msUntilAvailable } from './pod-util.js'
import { Refs } from './refs.js'
import { replicaSetStatus } from './replicaset-status.js'
import type { Pod, Workload } from './workload-types.js'

// controller.BurstReplicas: the most pods created or deleted in one sync.
const BURST_REPLICAS = 500

/** Creates the ReplicaSet controller: keeps `spec.replicas` pods of each ReplicaSet and its status. */
export function newReplicaSetController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'replicaset-controller')
  const sets = ctx.informers.for<Workload>(Refs.replicaSets)
  const pods = ctx.informers.for<Pod>(Refs.pods)
  const c = new QueueController('replicaset', ctx, [sets, pods], (key) =>
    reconcileReplicaSet(ctx, key)
  )
  sets.on(enqueueSelf(c.queue))
  pods.on(enqueueOwner(c.queue, 'ReplicaSet', sets))
  return c
}

/** Brings one ReplicaSet (`namespace/name`) to its desired pod count and writes its status. */
export async function reconcileReplicaSet(
  ctx: ControllerContext,
  key: string
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let rs: Workload
  try {
    rs = await ctx.client.get<Workload>(Refs.replicaSets, name, namespace)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  const selector = selectorOf(rs.spec?.selector)
  const listed = await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
  const pods = await claimObjects(ctx.client, Refs.pods, rs, selector, listed.filter(isPodActive))
  let manageErr: unknown
  if (!rs.metadata.deletionTimestamp) manageErr = await manageReplicas(ctx, rs, pods)
  const status = replicaSetStatus(rs, pods, manageErr, ctx.clock)
  if (!jsonEqual(status, rs.status ?? {})) {
    await ctx.client.update(Refs.replicaSets, { ...rs, status }, { subresource: 'status' })
  }
  if (manageErr !== undefined) throw manageErr
  const minReady = intOr(rs.spec?.minReadySeconds, 0)
  const waits = pods
    .map((p) => msUntilAvailable(p, minReady, ctx.clock))
    .filter((x): x is number => x !== undefined)
  if (waits.length) return { requeueAfterMs: Math.max(1000, Math.min(...waits)) }
}

/** Creates or deletes pods to match spec.replicas; returns the first failure. */
async function manageReplicas(ctx: ControllerContext, rs: Workload, pods: Pod[]): Promise<unknown> {
  const control = new PodControl(ctx.client, ctx.recorder)
  const diff = pods.length - intOr(rs.spec?.replicas, 1)
  if (diff < 0) {
    const r = await slowStartBatch(Math.min(-diff, BURST_REPLICAS), () =>
      control.create(rs as KubeObject, rs.spec?.template)
    )
    return r.error
  }
  if (diff > 0) {
    const victims = [...pods].sort(compareForDeletion).slice(0, Math.min(diff, BURST_REPLICAS))
    const results = await Promise.allSettled(victims.map((p) => control.delete(rs, p)))
    return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason
  }
  return undefined
}
