import type { Clock } from '../util/index.js'
import { findCondition } from './object-util.js'
import type { Pod } from './workload-types.js'

/** Returns true when the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return findCondition(pod.status?.conditions, 'Ready')?.status === 'True'
}

/**
 * Returns true when the pod has been ready for at least `minReadySeconds` (podutil.IsPodAvailable):
 * the Ready condition's lastTransitionTime (wall clock) is the start of readiness, and the
 * simulated time since then counts.
 */
export function isPodAvailable(
  pod: Pod,
  minReadySeconds: number,
  clock: Pick<Clock, 'elapsed'>
): boolean {
  const c = findCondition(pod.status?.conditions, 'Ready')
  if (c?.status !== 'True') return false
  if (minReadySeconds <= 0) return true
  // A wall-clock timestamp, measured in simulated time: minReadySeconds is an emulated wait.
  const ready = c.lastTransitionTime ? clock.elapsed(c.lastTransitionTime) : NaN
  return Number.isFinite(ready) && ready >= minReadySeconds * 1000
}

/** Returns the simulated ms until a ready pod becomes available, or undefined if it never will by waiting. */
export function msUntilAvailable(
  pod: Pod,
  minReadySeconds: number,
  clock: Clock
): number | undefined {
  const c = findCondition(pod.status?.conditions, 'Ready')
  if (c?.status !== 'True' || minReadySeconds <= 0 || !c.lastTransitionTime) return undefined
  const left = minReadySeconds * 1000 - clock.elapsed(c.lastTransitionTime)
  return left > 0 ? left : undefined
}

/** Returns true for a pod that ran to completion or failed. */
export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** Returns true for a pod that counts as a replica: not terminal and not being deleted (FilterActivePods). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

function restarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0))
}

/**
 * Compares pods in the order in which a controller deletes them (controller.ActivePods):
 * unscheduled before scheduled, pending before running, not ready before ready, ready for less
 * time first, more restarts first, newer first.
 */
export function compareForDeletion(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ? 1 : 0
  const nb = b.spec?.nodeName ? 1 : 0
  if (na !== nb) return na - nb
  const pa = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0
  const pb = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0
  if (pa !== pb) return pa - pb
  const ra = isPodReady(a) ? 1 : 0
  const rb = isPodReady(b) ? 1 : 0
  if (ra !== rb) return ra - rb
  if (ra && rb) {
    const ta =
      Date.parse(findCondition(a.status?.conditions, 'Ready')?.lastTransitionTime ?? '') || 0
    const tb =
      Date.parse(findCondition(b.status?.conditions, 'Ready')?.lastTransitionTime ?? '') || 0
    if (ta !== tb) return tb - ta
  }
  const xa = restarts(a)
  const xb = restarts(b)
  if (xa !== xb) return xb - xa
  const ca = Date.parse(a.metadata.creationTimestamp ?? '') || 0
  const cb = Date.parse(b.metadata.creationTimestamp ?? '') || 0
  return cb - ca
}
