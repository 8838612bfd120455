import { claimObjects } from './claim.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import {
  intOr,
  isNotFound,
  jsonEqual,
  listSelected,
  omitEmpty,
  selectorOf,
  splitKey,
} from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { createPod, deletePod } from './statefulset-pods.js'
import { computeHash, REVISION_HASH } from './pod-template-hash.js'
import { isPodReady } from './pod-util.js'
import { Refs } from '../client/index.js'
import type { Pod, Workload } from './workload-types.js'

/** Creates the StatefulSet controller: stable pod names and ordered start and stop. */
export function newStatefulSetController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'statefulset-controller')
  const sets = ctx.informers.for<Workload>(Refs.statefulSets)
  const pods = ctx.informers.for<Pod>(Refs.pods)
  const c = new QueueController('statefulset', ctx, [sets, pods], (key) =>
    reconcileStatefulSet(ctx, key)
  )
  sets.on(enqueueSelf(c.queue))
  pods.on(enqueueOwner(c.queue, 'StatefulSet', sets))
  return c
}

function ordinalOf(set: string, pod: Pod): number | undefined {
  const name = pod.metadata.name ?? ''
  if (!name.startsWith(`${set}-`)) return undefined
  const rest = name.slice(set.length + 1)
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined
}

function runningAndReady(p: Pod): boolean {
  return p.status?.phase === 'Running' && isPodReady(p)
}

/**
 * Syncs one StatefulSet (`namespace/name`). Pods are `<set>-<ordinal>` with the
 * `statefulset.kubernetes.io/pod-name` label, hostname and subdomain, and their claims from
 * volumeClaimTemplates. With OrderedReady, pod N+1 is created only once pod N is Running and
 * Ready, surplus pods go one at a time from the highest ordinal, and nothing moves while a pod is
 * unhealthy; with Parallel, all at once. A RollingUpdate replaces outdated pods from the highest
 * ordinal down to the partition, one at a time.
 */
export async function reconcileStatefulSet(
  ctx: ControllerContext,
  key: string
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let set: Workload
  try {
    set = await ctx.client.get<Workload>(Refs.statefulSets, name, namespace)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  const spec = set.spec ?? {}
  const selector = selectorOf(spec.selector)
  const pods = (
    await claimObjects(
      ctx.client,
      Refs.pods,
      set,
      selector,
      await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
    )
  ).filter((p) => ordinalOf(name, p) !== undefined)
  const updateRevision = `${name}-${computeHash(spec.template, intOr(set.status?.collisionCount, 0) || undefined)}`
  const replicas = intOr(spec.replicas, 1)
  const slots: (Pod | undefined)[] = Array.from({ length: replicas }, () => undefined)
  const condemned: Pod[] = []
  for (const p of pods) {
    const o = ordinalOf(name, p)!
    if (o < replicas) slots[o] = p
    else condemned.push(p)
  }
  condemned.sort((a, b) => ordinalOf(name, b)! - ordinalOf(name, a)!)
  let created = 0
  let err: unknown
  if (!set.metadata.deletionTimestamp) {
    try {
      created = await step(ctx, set, slots, condemned, updateRevision)
    } catch (e) {
      err = e
    }
  }
  await writeStatus(ctx, set, pods, created, updateRevision)
  if (err !== undefined) throw err
}

/** Makes one round of progress; returns how many pods it created. */
async function step(
  ctx: ControllerContext,
  set: Workload,
  slots: (Pod | undefined)[],
  condemned: Pod[],
  revision: string
): Promise<number> {
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel'
  let created = 0
  for (const [i, pod] of slots.entries()) {
    if (!pod) {
      await createPod(ctx, set, i, revision)
      created++
      if (monotonic) return created
      continue
    }
    if (pod.status?.phase === 'Failed' && !pod.metadata.deletionTimestamp) {
      await deletePod(ctx, set, pod)
      if (monotonic) return created
      continue
    }
    if (monotonic && (pod.metadata.deletionTimestamp || !runningAndReady(pod))) return created
  }
  for (const pod of condemned) {
    if (pod.metadata.deletionTimestamp) {
      if (monotonic) return created
      continue
    }
    await deletePod(ctx, set, pod)
    if (monotonic) return created
  }
  const strategy = set.spec?.updateStrategy as
    { type?: string; rollingUpdate?: { partition?: number } } | undefined
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return created
  const partition = intOr(strategy?.rollingUpdate?.partition, 0)
  for (let i = slots.length - 1; i >= partition; i--) {
    const pod = slots[i]
    if (!pod || pod.metadata.labels?.[REVISION_HASH] === revision) continue
    if (!pod.metadata.deletionTimestamp && slots.every((p) => p && runningAndReady(p)))
      await deletePod(ctx, set, pod)
    return created
  }
  return created
}

async function writeStatus(
  ctx: ControllerContext,
  set: Workload,
  pods: Pod[],
  created: number,
  updateRevision: string
): Promise<void> {
  const old = set.status ?? {}
  const replicas = pods.length + created
  const updated =
    pods.filter((p) => p.metadata.labels?.[REVISION_HASH] === updateRevision).length + created
  let currentRevision =
    typeof old.currentRevision === 'string' ? old.currentRevision : updateRevision
  let current =
    pods.filter((p) => p.metadata.labels?.[REVISION_HASH] === currentRevision).length +
    (currentRevision === updateRevision ? created : 0)
  // The rollout is over once every wanted pod runs the update revision.
  if (updated === intOr(set.spec?.replicas, 1) && replicas === updated) {
    currentRevision = updateRevision
    current = updated
  }
  const status = omitEmpty(
    {
      observedGeneration: set.metadata.generation,
      replicas,
      readyReplicas: pods.filter(runningAndReady).length,
      currentReplicas: current,
      updatedReplicas: updated,
      currentRevision,
      updateRevision,
      collisionCount: old.collisionCount,
    },
    ['replicas']
  )
  if (!jsonEqual(status, old))
    await ctx.client.update(Refs.statefulSets, { ...set, status }, { subresource: 'status' })
}
