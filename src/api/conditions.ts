import { asObject, isObject, type Obj } from './types.js'

/** A status condition of any kind (Pod, Node, Deployment, ReplicaSet, Job …). */
export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown' | string
  reason?: string
  message?: string
  lastTransitionTime?: string
  lastUpdateTime?: string
  lastProbeTime?: string | null
  lastHeartbeatTime?: string
}

/** What the helpers need of a condition: its type and status (typed or not). */
type ConditionLike = { type?: unknown; status?: unknown }

/** Returns the entries of an object's `status.conditions` that are objects (none when absent). */
export function conditionsOf(obj: { readonly [key: string]: unknown }): Obj[] {
  const conditions = asObject(obj.status).conditions
  return Array.isArray(conditions) ? conditions.filter(isObject) : []
}

/** Returns the condition of a type. */
export function findCondition<C extends ConditionLike>(
  conds: readonly C[] | undefined,
  type: string
): C | undefined {
  return conds?.find((c) => c.type === type)
}

/** Returns an object's condition of a type (from `status.conditions`). */
export function objectCondition(
  obj: { readonly [key: string]: unknown },
  type: string
): Obj | undefined {
  return findCondition(conditionsOf(obj), type)
}

/**
 * Returns the lastTransitionTime a condition of `status` gets: the old one's while its status is
 * unchanged, else `now` (as every 1.11 writer of conditions keeps it).
 */
export function transitionTime(
  old: { status?: unknown; lastTransitionTime?: unknown } | undefined,
  status: unknown,
  now: string
): string {
  return old && old.status === status && typeof old.lastTransitionTime === 'string'
    ? old.lastTransitionTime
    : now
}

/**
 * Returns the conditions with `cond` set, as 1.11's SetDeploymentCondition and its workload
 * siblings: an unchanged status and reason keep the old entry; otherwise the entry moves to the
 * end, keeping its lastTransitionTime while the status is unchanged.
 */
export function setCondition<C extends Condition>(conds: C[] | undefined, cond: C): C[] {
  const list = conds ?? []
  const cur = findCondition(list, cond.type)
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return list
  const next =
    cur && cur.status === cond.status && cur.lastTransitionTime
      ? { ...cond, lastTransitionTime: cur.lastTransitionTime }
      : cond
  return [...list.filter((c) => c.type !== cond.type), next]
}

/** Returns the conditions without the given type. */
export function removeCondition<C extends ConditionLike>(
  conds: C[] | undefined,
  type: string
): C[] {
  return (conds ?? []).filter((c) => c.type !== type)
}

/**
 * Returns the pod conditions with `cond` written as 1.11's podutil.UpdatePodCondition does: in
 * place (appended when new), lastTransitionTime `now` unless the status is unchanged, and
 * `changed` false when status, reason, message, lastProbeTime and lastTransitionTime all stayed.
 */
export function updatePodCondition(
  conds: readonly Obj[],
  cond: Obj & { type: string; status: string },
  now: string
): { conditions: Obj[]; changed: boolean } {
  const i = conds.findIndex((c) => c.type === cond.type)
  const old = i < 0 ? undefined : conds[i]
  // Fields in PodCondition's order: type, status, lastProbeTime, lastTransitionTime, reason, message.
  const { type, status, lastProbeTime, lastTransitionTime: _, ...rest } = cond
  const next: Obj = {
    type,
    status,
    ...(lastProbeTime !== undefined ? { lastProbeTime } : {}),
    lastTransitionTime: transitionTime(old, status, now),
    ...rest,
  }
  if (!old) return { conditions: [...conds, next], changed: true }
  const same = (k: string) => (old[k] ?? null) === (next[k] ?? null)
  const changed = !['status', 'reason', 'message', 'lastProbeTime', 'lastTransitionTime'].every(
    same
  )
  return { conditions: conds.map((c, j) => (j === i ? next : c)), changed }
}
