import type { Clock } from '../util/index.js'
import {
  findCondition,
  intOr,
  omitEmpty,
  removeCondition,
  setCondition,
  timestamp,
  errorMessage,
} from './object-util.js'
import { isPodAvailable, isPodReady } from './pod-util.js'
import type { Condition, Pod, Workload } from './workload-types.js'

/** A ReplicaSet status as the controller writes it. */
export interface ReplicaSetStatus {
  replicas: number
  fullyLabeledReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  observedGeneration?: number
  conditions?: Condition[]
  [key: string]: unknown
}

/** The counts a ReplicaSet's status reports. */
export interface ReplicaCounts {
  replicas: number
  fullyLabeled: number
  ready: number
  available: number
}

/**
 * Returns the status of a ReplicaSet from its active pods (calculateStatus): counts of pods,
 * fully labelled, ready and available pods; a `ReplicaFailure` condition while creating or
 * deleting pods fails, removed once it works again.
 */
export function replicaSetStatus(
  rs: Workload,
  pods: Pod[],
  manageErr: unknown,
  clock: Clock
): ReplicaSetStatus {
  const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {})
  const minReady = intOr(rs.spec?.minReadySeconds, 0)
  const counts = { replicas: pods.length, fullyLabeled: 0, ready: 0, available: 0 }
  for (const p of pods) {
    if (templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v)) counts.fullyLabeled++
    if (isPodReady(p)) counts.ready++
    if (isPodAvailable(p, minReady, clock)) counts.available++
  }
  return statusFromCounts(rs, counts, manageErr, clock)
}

/** Returns the status of a ReplicaSet whose pods were counted (see replicaSetStatus). */
export function statusFromCounts(
  rs: Workload,
  counts: ReplicaCounts,
  manageErr: unknown,
  clock: Clock
): ReplicaSetStatus {
  let conditions = (rs.status?.conditions ?? []) as Condition[]
  const failure = findCondition(conditions, 'ReplicaFailure')
  if (manageErr !== undefined && !failure) {
    const diff = counts.replicas - intOr(rs.spec?.replicas, 1)
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : ''
    conditions = setCondition(conditions, {
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: timestamp(clock),
      reason,
      message: errorMessage(manageErr),
    })
  } else if (manageErr === undefined && failure)
    conditions = removeCondition(conditions, 'ReplicaFailure')
  return omitEmpty(
    {
      replicas: counts.replicas,
      fullyLabeledReplicas: counts.fullyLabeled,
      readyReplicas: counts.ready,
      availableReplicas: counts.available,
      observedGeneration: rs.metadata.generation,
      conditions,
    },
    ['replicas']
  )
}
