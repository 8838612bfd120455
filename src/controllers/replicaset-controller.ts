import type { LabelSelector } from '../api/selectors/index.js'
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
import { isStatusError } from '../api/errors.js'
import { byKey, candidatesFromCache, indexByController } from './cached-candidates.js'
import { Expectations, observeExpectations } from './expectations.js'
import type { Informer } from '../client/index.js'
import { intOr, isNotFound, jsonEqual, keyOf, selectorOf } from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { PodControl, slowStartBatch } from './pod-control.js'
import { compareForDeletion, isPodActive, isPodReady, msUntilAvailable } from './pod-util.js'
import { Refs } from '../client/index.js'
import { ReplicaSetLedger } from './replicaset-ledger.js'
import { replicaSetStatus, statusFromCounts } from './replicaset-status.js'
import type { Pod, Workload } from './workload-types.js'

// controller.BurstReplicas: the most pods created or deleted in one sync.
const BURST_REPLICAS = 500

// A sync slower than this (real ms; a ReplicaSet of thousands of pods) folds the events that
// follow into one later sync instead of one sync each, which would cost the square of the pods.
const SLOW_SYNC_MS = 5

/** What one ReplicaSet sync reads from and records in (the shared informers, the expectations). */
export interface ReplicaSetSyncer {
  ctx: ControllerContext
  sets: Informer<Workload>
  pods: Informer<Pod>
  expectations: Expectations
  /** The tallies of each ReplicaSet's pods, kept up to date from the pods that changed. */
  ledger?: ReplicaSetLedger
}

/** Creates the ReplicaSet controller: keeps `spec.replicas` pods of each ReplicaSet and its status. */
export function newReplicaSetController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'replicaset-controller')
  const sets = ctx.informers.for<Workload>(Refs.replicaSets)
  const pods = indexByController(ctx.informers.for<Pod>(Refs.pods))
  const ledger = new ReplicaSetLedger(pods)
  const syncer = { ctx, sets, pods, expectations: new Expectations(ctx.clock), ledger }
  const c = new QueueController(
    'replicaset',
    ctx,
    [sets, pods],
    (key) => reconcileReplicaSet(syncer, key),
    { coolDownAboveMs: SLOW_SYNC_MS }
  )
  sets.on(enqueueSelf(c.queue))
  sets.on({ delete: (rs) => ledger.forget(rs.metadata.uid) })
  pods.on(ledger.handler())
  // The expectations learn of creations and deletions before the owner's key is queued.
  pods.on(observeExpectations(syncer.expectations, 'ReplicaSet'))
  pods.on(enqueueOwner(c.queue, 'ReplicaSet', sets))
  return c
}

/**
 * Brings one ReplicaSet (`namespace/name`) to its desired pod count and writes its status, reading
 * the ReplicaSet and its pods from the informers' caches; pods are created or deleted only once
 * the informer has seen the previous sync's creations and deletions (expectations).
 */
export async function reconcileReplicaSet(
  s: ReplicaSetSyncer,
  key: string
): Promise<ReconcileResult> {
  const { ctx } = s
  const rs = s.sets.get(key)
  if (!rs) {
    s.expectations.delete(key)
    return
  }
  const selector = selectorOf(rs.spec?.selector)
  const minReady = intOr(rs.spec?.minReadySeconds, 0)
  if (s.ledger && minReady <= 0) return reconcileFromLedger(s, s.ledger, key, rs, selector)
  const listed = candidatesFromCache(s.pods, rs, selector)
  const pods = await claimObjects(ctx.client, Refs.pods, rs, selector, listed.filter(isPodActive))
  let manageErr: unknown
  if (!rs.metadata.deletionTimestamp && s.expectations.satisfied(key))
    manageErr = await manageReplicas(s, key, rs, pods.length, () => pods)
  const status = replicaSetStatus(rs, pods, manageErr, ctx.clock)
  if (!jsonEqual(status, rs.status ?? {})) await writeStatus(ctx, rs, status)
  if (manageErr !== undefined) throw manageErr
  const waits = pods
    .map((p) => msUntilAvailable(p, minReady, ctx.clock))
    .filter((x): x is number => x !== undefined)
  if (waits.length) return { requeueAfterMs: Math.max(1000, Math.min(...waits)) }
}

/**
 * The same sync for a ReplicaSet whose pods are available once ready (minReadySeconds 0): its
 * own pods are counted from the ledger (only the pods changed since its last sync are read
 * again), the orphans it may adopt are claimed as before, and the pods themselves are looked up
 * only when some must be deleted.
 */
async function reconcileFromLedger(
  s: ReplicaSetSyncer,
  ledger: ReplicaSetLedger,
  key: string,
  rs: Workload,
  selector: LabelSelector
): Promise<ReconcileResult> {
  const { ctx } = s
  const started = performance.now()
  const tally = ledger.tally(rs, selector)
  const orphans = candidatesFromCache(
    s.pods,
    { ...rs, metadata: { ...rs.metadata, uid: '' } },
    selector
  ).filter(isPodActive)
  // What the cool-down counts: the sync's own reads, not its creations and status writes.
  const costMs = performance.now() - started
  const adopted = orphans.length
    ? await claimObjects(ctx.client, Refs.pods, rs, selector, orphans)
    : []
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {})
  const counts = {
    replicas: tally.replicas + adopted.length,
    fullyLabeled:
      tally.fullyLabeled +
      adopted.filter((p) => templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v)).length,
    ready: tally.ready + adopted.filter(isPodReady).length,
  }
  const pods = () => [
    ...[...tally.keys()].map((k) => s.pods.get(k)).filter((p): p is Pod => p !== undefined),
    ...adopted,
  ]
  let manageErr: unknown
  if (!rs.metadata.deletionTimestamp && s.expectations.satisfied(key))
    manageErr = await manageReplicas(s, key, rs, counts.replicas, pods)
  const status = statusFromCounts(rs, { ...counts, available: counts.ready }, manageErr, ctx.clock)
  if (!jsonEqual(status, rs.status ?? {})) await writeStatus(ctx, rs, status)
  if (manageErr !== undefined) throw manageErr
  return { costMs }
}

/** Writes the status; the cached ReplicaSet may be behind, so a conflict reads it once again (updateReplicaSetStatus). */
async function writeStatus(ctx: ControllerContext, rs: Workload, status: unknown): Promise<void> {
  try {
    await ctx.client.update(Refs.replicaSets, { ...rs, status }, { subresource: 'status' })
  } catch (err) {
    if (!isStatusError(err, 'Conflict')) throw err
    const { name = '', namespace } = rs.metadata
    let fresh: Workload
    try {
      fresh = await ctx.client.get<Workload>(Refs.replicaSets, name, namespace)
    } catch (e) {
      if (isNotFound(e)) return
      throw e
    }
    if (fresh.metadata.uid !== rs.metadata.uid) return
    await ctx.client.update(Refs.replicaSets, { ...fresh, status }, { subresource: 'status' })
  }
}

/**
 * Creates or deletes pods to match spec.replicas (`count` pods now; `pods` returns them, asked
 * for only when some must go); returns the first failure.
 */
async function manageReplicas(
  s: ReplicaSetSyncer,
  key: string,
  rs: Workload,
  have: number,
  pods: () => Pod[]
): Promise<unknown> {
  const control = new PodControl(s.ctx.client, s.ctx.recorder)
  const diff = have - intOr(rs.spec?.replicas, 1)
  if (diff < 0) {
    const count = Math.min(-diff, BURST_REPLICAS)
    s.expectations.expectCreations(key, count)
    let tried = 0
    const r = await slowStartBatch(count, async () => {
      tried++
      try {
        return await control.create(rs as KubeObject, rs.spec?.template)
      } catch (err) {
        s.expectations.creationObserved(key)
        throw err
      }
    })
    // The creations slowStartBatch skipped after a failure will not be seen either.
    for (let i = tried; i < count; i++) s.expectations.creationObserved(key)
    return r.error
  }
  if (diff > 0) {
    // In key order first (a list's), so that equally ranked pods go in the same order as before.
    const victims = pods()
      .sort(byKey)
      .sort(compareForDeletion)
      .slice(0, Math.min(diff, BURST_REPLICAS))
    s.expectations.expectDeletions(key, victims.map(keyOf))
    const results = await Promise.allSettled(
      victims.map(async (p) => {
        try {
          await control.delete(rs, p)
        } catch (err) {
          s.expectations.deletionObserved(key, keyOf(p))
          throw err
        }
      })
    )
    return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason
  }
  return undefined
}
