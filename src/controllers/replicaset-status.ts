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
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {}
  const minReady = intOr(rs.spec?.minReadySeconds, 0)
  const fully = pods.filter((p) =>
    Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)
  )
  let conditions = (rs.status?.conditions ?? []) as Condition[]
  const failure = findCondition(conditions, 'ReplicaFailure')
  if (manageErr !== undefined && !failure) {
    const diff = pods.length - intOr(rs.spec?.replicas, 1)
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
      replicas: pods.length,
      fullyLabeledReplicas: fully.length,
      readyReplicas: pods.filter(isPodReady).length,
      availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, clock)).length,
      observedGeneration: rs.metadata.generation,
      conditions,
    },
    ['replicas']
  )
}
