import type { DeploymentSync } from './deployment-sync.js'
import {
  calculateStatus,
  deploymentComplete,
  rolloutStatus,
  stuckRequeueMs,
  type DeploymentStatus,
} from './deployment-status.js'
import {
  byCreation,
  filterActive,
  findActiveOrLatest,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  MAX_INT32,
  newRSNewReplicas,
  proportion,
  replicasOf,
  sumSpec,
  sumStatus,
} from './deployment-util.js'
import { intOr } from './object-util.js'
import type { ReconcileResult } from './controller.js'
import type { Pod, Workload } from './workload-types.js'

/** Rolls a RollingUpdate Deployment one step: scale the new ReplicaSet up, old ones down (rolloutRolling). */
export async function rolloutRolling(s: DeploymentSync): Promise<ReconcileResult> {
  const { newRS, oldRSs } = await s.replicaSets(true)
  if (newRS && (await reconcileNewReplicaSet(s, newRS))) return syncRolloutStatus(s, newRS)
  if (await reconcileOldReplicaSets(s, oldRSs, s.latest(newRS))) return syncRolloutStatus(s, newRS)
  if (deploymentComplete(s.d, (s.d.status ?? {}) as DeploymentStatus)) await cleanup(s, oldRSs)
  return syncRolloutStatus(s, newRS)
}

/** Rolls a Recreate Deployment: old ReplicaSets to 0, wait for their pods to go, then the new one up. */
export async function rolloutRecreate(s: DeploymentSync, pods: Pod[]): Promise<ReconcileResult> {
  let { newRS, oldRSs } = await s.replicaSets(false)
  let scaled = false
  for (const rs of filterActive(oldRSs)) if (await s.scale(rs, 0, 'down')) scaled = true
  if (scaled) return syncRolloutStatus(s, newRS)
  oldRSs = oldRSs.map((rs) => s.latest(rs))
  if (oldPodsRunning(newRS, oldRSs, pods)) return syncRolloutStatus(s, newRS)
  if (!newRS) ({ newRS, oldRSs } = await s.replicaSets(true))
  if (newRS) await s.scale(s.latest(newRS), replicasOf(s.d))
  if (deploymentComplete(s.d, (s.d.status ?? {}) as DeploymentStatus)) await cleanup(s, oldRSs)
  return syncRolloutStatus(s, newRS)
}

/** Scales for a changed replica count or a paused Deployment, then writes the status (sync). */
export async function syncScale(s: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await s.replicaSets(false)
  await scale(s, newRS, oldRSs)
  if (s.d.spec?.paused === true)
    await cleanup(
      s,
      oldRSs.map((rs) => s.latest(rs))
    )
  await syncStatusOnly(s)
}

/** Writes the status the ReplicaSets add up to (syncStatusOnly). */
export async function syncStatusOnly(s: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await s.replicaSets(false)
  await s.writeStatus(
    calculateStatus(
      s.d,
      [...oldRSs, ...(newRS ? [newRS] : [])].map((rs) => s.latest(rs)),
      s.latest(newRS),
      s.ctx.clock
    )
  )
}

/** Returns true when the replica annotations of an active ReplicaSet disagree with spec.replicas (isScalingEvent). */
export async function isScalingEvent(s: DeploymentSync): Promise<boolean> {
  const { newRS, oldRSs } = await s.replicaSets(false)
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const v = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']
    return v !== undefined && Number(v) !== replicasOf(s.d)
  })
}

async function syncRolloutStatus(
  s: DeploymentSync,
  newRS: Workload | undefined
): Promise<ReconcileResult> {
  const fresh = s.latest(newRS)
  const all = s.rsList
  const status = rolloutStatus(s.d, all, fresh, s.ctx.clock)
  const before = s.d
  await s.writeStatus(status)
  const after = stuckRequeueMs(before, status, s.ctx.clock)
  return after === undefined ? undefined : { requeueAfterMs: after }
}

async function reconcileNewReplicaSet(s: DeploymentSync, newRS: Workload): Promise<boolean> {
  const want = replicasOf(s.d)
  if (replicasOf(newRS) === want) return false
  if (replicasOf(newRS) > want) return s.scale(newRS, want, 'down')
  return s.scale(newRS, newRSNewReplicas(s.d, s.rsList, newRS), 'up')
}

async function reconcileOldReplicaSets(
  s: DeploymentSync,
  oldRSs: Workload[],
  newRS: Workload | undefined
): Promise<boolean> {
  const old = oldRSs.map((rs) => s.latest(rs))
  if (sumSpec(old) === 0) return false
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d)
  const newUnavailable = newRS ? replicasOf(newRS) - intOr(newRS.status?.availableReplicas, 0) : 0
  const maxScaledDown = sumSpec(s.rsList) - minAvailable - newUnavailable
  if (maxScaledDown <= 0) return false
  // Unhealthy replicas go first: they do not count towards availability anyway.
  let cleaned = 0
  for (const rs of byCreation(filterActive(old))) {
    if (cleaned >= maxScaledDown) break
    const unhealthy = replicasOf(rs) - intOr(rs.status?.availableReplicas, 0)
    if (unhealthy <= 0) continue
    const n = Math.min(maxScaledDown - cleaned, unhealthy)
    await s.scale(rs, replicasOf(rs) - n, 'down')
    cleaned += n
  }
  const available = sumStatus(s.rsList, 'availableReplicas')
  let scaled = 0
  if (available > minAvailable) {
    const total = available - minAvailable
    for (const rs of byCreation(filterActive(old.map((x) => s.latest(x))))) {
      if (scaled >= total) break
      const n = Math.min(replicasOf(rs), total - scaled)
      await s.scale(rs, replicasOf(rs) - n, 'down')
      scaled += n
    }
  }
  return cleaned + scaled > 0
}

function oldPodsRunning(newRS: Workload | undefined, oldRSs: Workload[], pods: Pod[]): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid))
  return pods.some((p) => {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid
    if (!owner || !oldUids.has(owner) || owner === newRS?.metadata.uid) return false
    return p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'
  })
}

/** Scales ReplicaSets to a new spec.replicas, proportionally during a rollout (scale). */
async function scale(
  s: DeploymentSync,
  newRS: Workload | undefined,
  oldRSs: Workload[]
): Promise<void> {
  const d = s.d
  const target = findActiveOrLatest(newRS, oldRSs)
  if (target) {
    if (replicasOf(target) !== replicasOf(d)) await s.scale(target, replicasOf(d))
    return
  }
  if (isSaturated(d, newRS)) {
    for (const rs of filterActive(oldRSs)) await s.scale(rs, 0)
    return
  }
  if (!isRollingUpdate(d)) return
  const all = filterActive([...oldRSs, newRS])
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0
  const toAdd = allowed - sumSpec(all)
  const sorted = [...all].sort((a, b) => {
    const diff = replicasOf(b) - replicasOf(a)
    if (diff !== 0) return diff
    const older = byCreation([a, b])[0] === a
    return toAdd > 0 ? (older ? 1 : -1) : older ? -1 : 1
  })
  const statusReplicas = intOr(d.status?.replicas, 0)
  let added = 0
  const sizes = new Map<string, number>()
  for (const rs of sorted) {
    const p = toAdd !== 0 ? proportion(rs, d, statusReplicas, toAdd, added) : 0
    sizes.set(rs.metadata.name ?? '', replicasOf(rs) + p)
    added += p
  }
  for (const [i, rs] of sorted.entries()) {
    let size = sizes.get(rs.metadata.name ?? '') ?? replicasOf(rs)
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added)
    await s.scale(rs, size, toAdd > 0 ? 'up' : 'down')
  }
}

/** Deletes the oldest unused ReplicaSets beyond revisionHistoryLimit (cleanupDeployment). */
async function cleanup(s: DeploymentSync, oldRSs: Workload[]): Promise<void> {
  const limit = s.d.spec?.revisionHistoryLimit
  if (typeof limit !== 'number' || limit === MAX_INT32) return
  const alive = byCreation(
    oldRSs.map((rs) => s.latest(rs)).filter((rs) => !rs.metadata.deletionTimestamp)
  )
  const diff = alive.length - limit
  for (const rs of alive.slice(0, Math.max(0, diff))) {
    const st = rs.status ?? {}
    if (
      intOr(st.replicas, 0) !== 0 ||
      replicasOf(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > intOr(st.observedGeneration, 0)
    )
      continue
    await s.deleteReplicaSet(rs)
  }
}
