import { canonicalJson, intOr } from './object-util.js'
import { POD_TEMPLATE_HASH } from './pod-template-hash.js'
import type { PodTemplateSpec, Workload } from './workload-types.js'

/** The annotations the Deployment controller reads and writes. */
export const DeploymentAnnotations = {
  revision: 'deployment.kubernetes.io/revision',
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
  rollbackTo: 'deprecated.deployment.rollback.to',
  lastApplied: 'kubectl.kubernetes.io/last-applied-configuration',
} as const

/** The int32 maximum: "no limit" for progressDeadlineSeconds and revisionHistoryLimit. */
export const MAX_INT32 = 2147483647

/** A Deployment's strategy fields. */
interface Strategy {
  type?: string
  rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string }
}

function strategyOf(d: Workload): Strategy {
  return (d.spec?.strategy ?? {}) as Strategy
}

/** Returns spec.replicas (1 when unset). */
export function replicasOf(w: Workload | undefined): number {
  return intOr(w?.spec?.replicas, 1)
}

/** Returns an int-or-percent scaled against `total` (intstr.GetValueFromIntOrPercent). */
export function scaledValue(
  v: number | string | undefined,
  total: number,
  roundUp: boolean
): number {
  if (typeof v === 'number') return v
  if (typeof v !== 'string') return 0
  const m = /^(\d+)%$/.exec(v)
  if (!m) return Number.parseInt(v, 10) || 0
  const x = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(x) : Math.floor(x)
}

/** Returns true for the RollingUpdate strategy. */
export function isRollingUpdate(d: Workload): boolean {
  return (strategyOf(d).type ?? 'RollingUpdate') === 'RollingUpdate'
}

/** Returns maxSurge and maxUnavailable as counts (ResolveFenceposts: both 0 means 1 unavailable). */
export function resolveFenceposts(d: Workload): { surge: number; unavailable: number } {
  const ru = strategyOf(d).rollingUpdate ?? {}
  const desired = replicasOf(d)
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true)
  const unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false)
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable }
}

/** Returns the surge of a rolling Deployment (0 otherwise). */
export function maxSurge(d: Workload): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0
}

/** Returns how many pods may be unavailable (0 for Recreate or no replicas; never above replicas). */
export function maxUnavailable(d: Workload): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0
  return Math.min(resolveFenceposts(d).unavailable, replicasOf(d))
}

/** Returns true when progressDeadlineSeconds sets a real deadline (not unset or MaxInt32). */
export function hasProgressDeadline(d: Workload): boolean {
  const s = d.spec?.progressDeadlineSeconds
  return typeof s === 'number' && s !== MAX_INT32
}

/** Returns the revision of a ReplicaSet (0 when unset or invalid). */
export function revisionOf(rs: Workload): number {
  const v = Number.parseInt(rs.metadata.annotations?.[DeploymentAnnotations.revision] ?? '', 10)
  return Number.isFinite(v) ? v : 0
}

/** Returns the template without the pod-template-hash label. */
function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const c = t ?? {}
  if (!c.metadata?.labels) return c
  const { [POD_TEMPLATE_HASH]: _hash, ...labels } = c.metadata.labels
  const { labels: _all, ...meta } = c.metadata
  return { ...c, metadata: Object.keys(labels).length ? { ...meta, labels } : meta }
}

// Templates come from informer caches, whose objects are replaced on update and never changed in
// place: each one's canonical form is computed once, not on every sync of its Deployment.
const canonicalOf = new WeakMap<object, string>()

/** Returns the canonical JSON of a template without its pod-template-hash label. */
function canonicalTemplate(t: PodTemplateSpec | undefined): string {
  if (!t) return canonicalJson(withoutHash(t))
  let c = canonicalOf.get(t)
  if (c === undefined) canonicalOf.set(t, (c = canonicalJson(withoutHash(t))))
  return c
}

/** Returns true when two pod templates are equal apart from the pod-template-hash label. */
export function equalIgnoreHash(
  a: PodTemplateSpec | undefined,
  b: PodTemplateSpec | undefined
): boolean {
  return canonicalTemplate(a) === canonicalTemplate(b)
}

/** Sorts oldest first, by name for equal creation times (ReplicaSetsByCreationTimestamp). */
export function byCreation<T extends Workload>(list: T[]): T[] {
  return [...list].sort((a, b) => {
    const d =
      (Date.parse(a.metadata.creationTimestamp ?? '') || 0) -
      (Date.parse(b.metadata.creationTimestamp ?? '') || 0)
    return d !== 0 ? d : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1
  })
}

/** Returns the oldest ReplicaSet whose template equals the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(d: Workload, rsList: Workload[]): Workload | undefined {
  return byCreation(rsList).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template))
}

/** Returns the ReplicaSets with spec.replicas above 0. */
export function filterActive(list: (Workload | undefined)[]): Workload[] {
  return list.filter((rs): rs is Workload => !!rs && replicasOf(rs) > 0)
}

/** Sums spec.replicas. */
export function sumSpec(list: (Workload | undefined)[]): number {
  return list.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0)
}

/** Sums a status counter (replicas, readyReplicas, availableReplicas). */
export function sumStatus(list: (Workload | undefined)[], field: string): number {
  return list.reduce((n, rs) => n + intOr(rs?.status?.[field], 0), 0)
}

/** Returns the size the new ReplicaSet should have now (NewRSNewReplicas). */
export function newRSNewReplicas(d: Workload, allRSs: Workload[], newRS: Workload): number {
  if (!isRollingUpdate(d)) return replicasOf(d)
  const current = sumSpec(allRSs)
  const maxTotal = replicasOf(d) + maxSurge(d)
  if (current >= maxTotal) return replicasOf(newRS)
  const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS))
  return replicasOf(newRS) + up
}

/** Returns the replicas annotation of a ReplicaSet, if set and numeric. */
export function replicasAnnotation(rs: Workload, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key]
  const n = v === undefined ? NaN : Number.parseInt(v, 10)
  return Number.isFinite(n) ? n : undefined
}

/** Returns true when the new ReplicaSet holds every replica, all available (IsSaturated). */
export function isSaturated(d: Workload, rs: Workload | undefined): boolean {
  if (!rs) return false
  return (
    replicasAnnotation(rs, DeploymentAnnotations.desiredReplicas) === replicasOf(d) &&
    intOr(rs.status?.availableReplicas, 0) === replicasOf(d)
  )
}

/** Returns the only active ReplicaSet, or the newest one when none is active (FindActiveOrLatest). */
export function findActiveOrLatest(
  newRS: Workload | undefined,
  oldRSs: Workload[]
): Workload | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const active = filterActive([...oldRSs, newRS])
  if (active.length === 0) return newRS ?? byCreation(oldRSs).at(-1)
  return active.length === 1 ? active[0] : undefined
}

/** Returns the share of `toAdd` replicas a ReplicaSet gets in proportional scaling (GetProportion). */
export function proportion(
  rs: Workload,
  d: Workload,
  statusReplicas: number,
  toAdd: number,
  added: number
): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  let fraction: number
  if (replicasOf(d) === 0) fraction = -replicasOf(rs)
  else {
    const deploymentReplicas = replicasOf(d) + maxSurge(d)
    const annotated = replicasAnnotation(rs, DeploymentAnnotations.maxReplicas) ?? statusReplicas
    fraction =
      annotated > 0
        ? Math.round((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs)
        : 0
  }
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}
