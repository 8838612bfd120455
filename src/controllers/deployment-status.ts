import type { Clock } from '../util/index.js'
import {
  hasProgressDeadline,
  maxUnavailable,
  replicasOf,
  sumSpec,
  sumStatus,
} from './deployment-util.js'
import {
  findCondition,
  intOr,
  omitEmpty,
  removeCondition,
  setCondition,
  timestamp,
} from './object-util.js'
import type { Condition, Workload } from './workload-types.js'

/** A Deployment status as the controller writes it. */
export interface DeploymentStatus {
  observedGeneration?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  unavailableReplicas?: number
  conditions?: Condition[]
  collisionCount?: number
  [key: string]: unknown
}

/** The Progressing and Available reasons of kube-controller-manager's deployment util. */
export const Reasons = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  newRSAvailable: 'NewReplicaSetAvailable',
  rsUpdated: 'ReplicaSetUpdated',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
} as const

/** Returns a deployment condition with both times set to now (NewDeploymentCondition). */
export function deploymentCondition(
  clock: Clock,
  type: string,
  status: string,
  reason: string,
  message: string
): Condition {
  const now = timestamp(clock)
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message }
}

/** Returns the status the ReplicaSets add up to, with the Available condition (calculateStatus). */
export function calculateStatus(
  d: Workload,
  allRSs: Workload[],
  newRS: Workload | undefined,
  clock: Clock
): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas')
  const st = (d.status ?? {}) as DeploymentStatus
  let conditions = [...(st.conditions ?? [])]
  conditions =
    available >= replicasOf(d) - maxUnavailable(d)
      ? setCondition(
          conditions,
          deploymentCondition(
            clock,
            'Available',
            'True',
            Reasons.minimumAvailable,
            'Deployment has minimum availability.'
          )
        )
      : setCondition(
          conditions,
          deploymentCondition(
            clock,
            'Available',
            'False',
            Reasons.minimumUnavailable,
            'Deployment does not have minimum availability.'
          )
        )
  return omitEmpty({
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: sumStatus(newRS ? [newRS] : [], 'replicas'),
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpec(allRSs) - available),
    conditions,
    collisionCount: st.collisionCount,
  })
}

/** Returns true when every replica is updated and available and the spec is observed (DeploymentComplete). */
export function deploymentComplete(d: Workload, s: DeploymentStatus): boolean {
  const want = replicasOf(d)
  return (
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  )
}

/** Returns true when the new status shows progress over the stored one (DeploymentProgressing). */
export function deploymentProgressing(d: Workload, s: DeploymentStatus): boolean {
  const old = (d.status ?? {}) as DeploymentStatus
  const oldOld = intOr(old.replicas, 0) - intOr(old.updatedReplicas, 0)
  const newOld = intOr(s.replicas, 0) - intOr(s.updatedReplicas, 0)
  return (
    intOr(s.updatedReplicas, 0) > intOr(old.updatedReplicas, 0) ||
    newOld < oldOld ||
    intOr(s.readyReplicas, 0) > intOr(old.readyReplicas, 0) ||
    intOr(s.availableReplicas, 0) > intOr(old.availableReplicas, 0)
  )
}

/** Returns true when the Progressing condition is older than the progress deadline (DeploymentTimedOut). */
export function deploymentTimedOut(d: Workload, s: DeploymentStatus, clock: Clock): boolean {
  if (!hasProgressDeadline(d)) return false
  const c = findCondition(s.conditions, 'Progressing')
  if (!c || c.reason === Reasons.newRSAvailable) return false
  if (c.reason === Reasons.timedOut) return true
  // A wall-clock timestamp against a deadline in simulated time.
  const since = clock.elapsed(c.lastUpdateTime ?? '')
  return Number.isFinite(since) && since > intOr(d.spec?.progressDeadlineSeconds, 600) * 1000
}

/**
 * Returns the rollout status (syncRolloutStatus): the Progressing condition moves to
 * NewReplicaSetAvailable when complete, ReplicaSetUpdated on progress, ProgressDeadlineExceeded
 * past the deadline; a ReplicaFailure of the ReplicaSets is copied over.
 *
 * Unlike 1.11, a Deployment without a progress deadline (extensions/v1beta1's MaxInt32 default)
 * still gets a Progressing condition (it just never times out): helm's kstatus `--wait` needs
 * `Progressing=True/NewReplicaSetAvailable` to call a Deployment ready.
 */
export function rolloutStatus(
  d: Workload,
  allRSs: Workload[],
  newRS: Workload | undefined,
  clock: Clock
): DeploymentStatus {
  const s = calculateStatus(d, allRSs, newRS, clock)
  const current = findCondition(
    (d.status as DeploymentStatus | undefined)?.conditions,
    'Progressing'
  )
  const complete = s.replicas === s.updatedReplicas && current?.reason === Reasons.newRSAvailable
  const what = newRS
    ? `ReplicaSet "${newRS.metadata.name ?? ''}"`
    : `Deployment "${d.metadata.name ?? ''}"`
  let conditions = s.conditions
  if (!complete) {
    if (deploymentComplete(d, s)) {
      conditions = setCondition(
        conditions,
        deploymentCondition(
          clock,
          'Progressing',
          'True',
          Reasons.newRSAvailable,
          `${what} has successfully progressed.`
        )
      )
    } else if (deploymentProgressing(d, s)) {
      const c = deploymentCondition(
        clock,
        'Progressing',
        'True',
        Reasons.rsUpdated,
        `${what} is progressing.`
      )
      if (current?.status === 'True' && current.lastTransitionTime)
        c.lastTransitionTime = current.lastTransitionTime
      conditions = [...removeCondition(conditions, 'Progressing'), c]
    } else if (deploymentTimedOut(d, s, clock)) {
      conditions = setCondition(
        conditions,
        deploymentCondition(
          clock,
          'Progressing',
          'False',
          Reasons.timedOut,
          `${what} has timed out progressing.`
        )
      )
    }
  }
  const failure = replicaFailure(allRSs, newRS)
  conditions = failure
    ? setCondition(conditions, failure)
    : removeCondition(conditions, 'ReplicaFailure')
  return omitEmpty({ ...s, conditions })
}

/** Returns the ReplicaFailure of the new ReplicaSet, else of any old one, as a deployment condition. */
function replicaFailure(allRSs: Workload[], newRS: Workload | undefined): Condition | undefined {
  for (const rs of newRS ? [newRS, ...allRSs] : allRSs) {
    const c = findCondition(rs.status?.conditions, 'ReplicaFailure')
    if (c)
      return {
        type: 'ReplicaFailure',
        status: c.status,
        lastUpdateTime: c.lastTransitionTime ?? '',
        lastTransitionTime: c.lastTransitionTime ?? '',
        reason: c.reason ?? '',
        message: c.message ?? '',
      }
  }
  return undefined
}

/** Returns the ms after which a stuck rollout must be checked against its deadline, if any (requeueStuckDeployment). */
export function stuckRequeueMs(d: Workload, s: DeploymentStatus, clock: Clock): number | undefined {
  const c = findCondition((d.status as DeploymentStatus | undefined)?.conditions, 'Progressing')
  if (!hasProgressDeadline(d) || !c || deploymentComplete(d, s) || c.reason === Reasons.timedOut)
    return undefined
  const since = clock.elapsed(c.lastUpdateTime ?? '')
  if (!Number.isFinite(since)) return undefined
  const after = intOr(d.spec?.progressDeadlineSeconds, 600) * 1000 - since
  return after < 1000 ? 1000 : after + 1000
}
