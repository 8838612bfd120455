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
  timestamp,
} from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { PodControl, slowStartBatch } from './pod-control.js'
import { compareForDeletion, isPodActive } from './pod-util.js'
import { Refs } from '../client/index.js'
import type { Condition, Pod, Workload } from './workload-types.js'

// DefaultJobBackOff and MaxJobBackOff of the 1.11 job controller.
const BACKOFF_MS = 10_000
const MAX_BACKOFF_MS = 360_000

interface JobStatus {
  conditions?: Condition[]
  startTime?: string
  completionTime?: string
  active?: number
  succeeded?: number
  failed?: number
  [key: string]: unknown
}

/** Creates the Job controller: runs pods until `completions` succeed or the back-off limit is hit. */
export function newJobController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'job-controller')
  const jobs = ctx.informers.for<Workload>(Refs.jobs)
  const pods = ctx.informers.for<Pod>(Refs.pods)
  const c = new QueueController('job', ctx, [jobs, pods], (key) => reconcileJob(ctx, key))
  jobs.on(enqueueSelf(c.queue))
  pods.on(enqueueOwner(c.queue, 'Job', jobs))
  return c
}

function finished(st: JobStatus): boolean {
  return (st.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'
  )
}

/** Returns when the newest failed pod failed (its container's finish, else its last condition change). */
function failedAt(p: Pod): number {
  const times = [
    ...(p.status?.containerStatuses ?? []).map((c) => c.state?.terminated?.finishedAt),
    ...(p.status?.conditions ?? []).map((c) => c.lastTransitionTime),
    p.metadata.creationTimestamp,
  ]
    .map((t) => Date.parse(t ?? ''))
    .filter(Number.isFinite)
  return Math.max(0, ...times)
}

/** Returns why a Job must fail now: too many failures or restarts, or past its active deadline. */
function failureOf(
  job: Workload,
  active: Pod[],
  failed: number,
  /** Simulated ms left before activeDeadlineSeconds passes (undefined: no deadline). */
  deadlineLeftMs: number | undefined
): { reason: string; message: string } | undefined {
  const spec = job.spec ?? {}
  const backoffLimit = intOr(spec.backoffLimit, 6)
  const restarts =
    spec.template?.spec?.restartPolicy === 'OnFailure'
      ? active
          .flatMap((p) => p.status?.containerStatuses ?? [])
          .reduce((n, c) => n + (c.restartCount ?? 0), 0)
      : 0
  if (failed > backoffLimit || (restarts > 0 && restarts >= backoffLimit)) {
    return {
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    }
  }
  if (deadlineLeftMs !== undefined && deadlineLeftMs <= 0) {
    return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }
  }
  return undefined
}

/** What one round of pod management did. */
interface Managed {
  active: number
  requeueAfterMs?: number
  error?: unknown
}

/** Creates or deletes pods towards min(parallelism, completions left), after the failure back-off. */
async function manageJob(
  ctx: ControllerContext,
  job: Workload,
  pods: Pod[],
  active: Pod[],
  succeeded: number,
  failed: number
): Promise<Managed> {
  const spec = job.spec ?? {}
  const control = new PodControl(ctx.client, ctx.recorder)
  const parallelism = intOr(spec.parallelism, 1)
  const completions = typeof spec.completions === 'number' ? spec.completions : undefined
  const want =
    completions !== undefined
      ? Math.min(Math.max(0, completions - succeeded), parallelism)
      : succeeded > 0
        ? active.length
        : parallelism
  if (active.length > want) {
    const extra = [...active].sort(compareForDeletion).slice(0, active.length - want)
    await Promise.all(extra.map((p) => control.delete(job, p)))
    return { active: want }
  }
  if (active.length === want) return { active: want }
  const failedPods = pods.filter((p) => p.status?.phase === 'Failed')
  if (failedPods.length) {
    const backoff = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (failed - 1))
    const wait = backoff - ctx.clock.elapsed(Math.max(...failedPods.map(failedAt)))
    if (wait > 0) return { active: active.length, requeueAfterMs: wait }
  }
  const r = await slowStartBatch(want - active.length, () => control.create(job, spec.template))
  return {
    active: active.length + r.successes,
    ...(r.error !== undefined ? { error: r.error } : {}),
  }
}

/**
 * Syncs one Job (`namespace/name`): counts active, succeeded and failed pods, fails the Job past
 * `backoffLimit` (`BackoffLimitExceeded`) or `activeDeadlineSeconds` (`DeadlineExceeded`),
 * completes it when `completions` pods succeeded, and otherwise keeps `parallelism` pods running,
 * waiting 10 s × 2ⁿ (at most 6 min) after the n-th failure before creating more.
 */
export async function reconcileJob(ctx: ControllerContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let job: Workload
  try {
    job = await ctx.client.get<Workload>(Refs.jobs, name, namespace)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  const old = (job.status ?? {}) as JobStatus
  if (finished(old)) return
  const spec = job.spec ?? {}
  const selector = selectorOf(spec.selector)
  const listed = await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
  const pods = await claimObjects(ctx.client, Refs.pods, job, selector, listed)
  const active = pods.filter(isPodActive)
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length
  let failed = pods.filter((p) => p.status?.phase === 'Failed').length
  const now = timestamp(ctx.clock)
  const status: JobStatus = { ...old, startTime: old.startTime ?? now }
  const completions = typeof spec.completions === 'number' ? spec.completions : undefined
  // startTime is wall-clock; the deadline is an emulated wait, counted in simulated time.
  const deadlineLeft =
    typeof spec.activeDeadlineSeconds === 'number'
      ? spec.activeDeadlineSeconds * 1000 - ctx.clock.elapsed(status.startTime ?? now)
      : undefined
  const failure = failureOf(job, active, failed, deadlineLeft)
  let managed: Managed = { active: active.length }
  if (failure) {
    const control = new PodControl(ctx.client, ctx.recorder)
    await Promise.all(active.map((p) => control.delete(job, p)))
    failed += active.length
    managed = { active: 0 }
    const cond = {
      type: 'Failed',
      status: 'True',
      lastProbeTime: now,
      lastTransitionTime: now,
      ...failure,
    }
    status.conditions = [...(status.conditions ?? []), cond]
    void ctx.recorder.event(job, 'Warning', failure.reason, failure.message)
  } else if (
    completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0
  ) {
    const cond = { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }
    status.conditions = [...(status.conditions ?? []), cond]
    status.completionTime = now
  } else if (!job.metadata.deletionTimestamp) {
    managed = await manageJob(ctx, job, pods, active, succeeded, failed)
  }
  const next = omitEmpty({ ...status, active: managed.active, succeeded, failed }) as JobStatus
  if (!jsonEqual(next, old)) {
    await ctx.client.update(Refs.jobs, { ...job, status: next }, { subresource: 'status' })
  }
  if (managed.error !== undefined) throw managed.error
  let requeue = managed.requeueAfterMs
  if (deadlineLeft !== undefined && !finished(status)) {
    requeue = Math.min(requeue ?? Infinity, Math.max(1, deadlineLeft))
  }
  return requeue !== undefined ? { requeueAfterMs: requeue } : undefined
}
