import { deepCopy } from '../api/types.js'
import { PatchType, Refs } from '../client/index.js'
import type { ControllerContext } from './controller.js'
import { Reasons, deploymentCondition, type DeploymentStatus } from './deployment-status.js'
import {
  DeploymentAnnotations as A,
  equalIgnoreHash,
  findNewReplicaSet,
  maxSurge,
  newRSNewReplicas,
  replicasOf,
  revisionOf,
} from './deployment-util.js'
import {
  controllerRef,
  findCondition,
  isAlreadyExists,
  isControlledBy,
  jsonEqual,
  setCondition,
} from './object-util.js'
import { computeHash, POD_TEMPLATE_HASH, templateHash } from './pod-template-hash.js'
import type { Workload } from './workload-types.js'

const SKIP_COPY = new Set<string>([
  A.lastApplied,
  A.revision,
  A.revisionHistory,
  A.desiredReplicas,
  A.maxReplicas,
  A.rollbackTo,
])

/**
 * One sync of one Deployment: holds the latest copy of the Deployment and of its ReplicaSets as
 * the sync rewrites them. Made afresh for each reconcile; nothing survives it.
 */
export class DeploymentSync {
  readonly ctx: ControllerContext
  d: Workload
  rsList: Workload[]

  constructor(ctx: ControllerContext, d: Workload, rsList: Workload[]) {
    this.ctx = ctx
    this.d = d
    this.rsList = rsList
  }

  /** Returns the new ReplicaSet (created when asked and missing) and the old ones (getAllReplicaSetsAndSyncRevision). */
  async replicaSets(create: boolean): Promise<{ newRS: Workload | undefined; oldRSs: Workload[] }> {
    const found = findNewReplicaSet(this.d, this.rsList)
    const oldRSs = this.rsList.filter((rs) => rs !== found)
    const newRevision = String(Math.max(0, ...oldRSs.map(revisionOf)) + 1)
    const newRS = found
      ? await this.syncExisting(found, newRevision)
      : create
        ? await this.createNew(oldRSs, newRevision)
        : undefined
    return { newRS, oldRSs }
  }

  /** Updates the new ReplicaSet's annotations and minReadySeconds and the Deployment's revision. */
  private async syncExisting(rs: Workload, newRevision: string): Promise<Workload> {
    const copy = editable(rs)
    const changed = this.newRSAnnotations(copy, newRevision, true)
    // Unset is 0 (Go's int32 zero value): a ReplicaSet made with 0 matches a Deployment without it.
    const minReady = this.d.spec?.minReadySeconds ?? 0
    if (changed || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
      copy.spec = { ...copy.spec, minReadySeconds: minReady }
      return this.replace(rs, await this.ctx.client.update<Workload>(Refs.replicaSets, copy))
    }
    await this.setRevision(copy.metadata.annotations?.[A.revision] ?? '')
    const cond = findCondition(
      (this.d.status as DeploymentStatus | undefined)?.conditions,
      'Progressing'
    )
    if (!cond) {
      const c = deploymentCondition(
        this.ctx.clock,
        'Progressing',
        'True',
        Reasons.foundNewRS,
        `Found new replica set "${rs.metadata.name ?? ''}"`
      )
      await this.writeStatus({
        ...(this.d.status ?? {}),
        conditions: setCondition((this.d.status as DeploymentStatus | undefined)?.conditions, c),
      })
    }
    return copy
  }

  /** Creates the ReplicaSet of the current template, named `<deployment>-<pod-template-hash>`. */
  private async createNew(oldRSs: Workload[], newRevision: string): Promise<Workload> {
    const d = this.d
    const status = (d.status ?? {}) as DeploymentStatus
    const hash = d.spec?.template
      ? templateHash(d.spec.template, status.collisionCount)
      : computeHash(undefined, status.collisionCount)
    const template = deepCopy(d.spec?.template ?? {})
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash },
    }
    const selector = deepCopy(d.spec?.selector ?? {})
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash }
    const name = `${d.metadata.name ?? ''}-${hash}`
    const rs: Workload = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace ?? '',
        labels: template.metadata.labels,
        ownerReferences: [controllerRef(d)],
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    }
    rs.spec = { ...rs.spec, replicas: newRSNewReplicas(d, [...oldRSs, rs], rs) }
    this.newRSAnnotations(rs, newRevision, false)
    let created: Workload
    try {
      created = await this.ctx.client.create<Workload>(Refs.replicaSets, rs)
    } catch (err) {
      if (!isAlreadyExists(err)) throw err
      const existing = await this.ctx.client.get<Workload>(
        Refs.replicaSets,
        name,
        d.metadata.namespace
      )
      if (
        isControlledBy(existing, d.metadata.uid) &&
        equalIgnoreHash(existing.spec?.template, d.spec?.template)
      )
        return existing
      // A hash collision: bump collisionCount so that the next sync computes another name.
      await this.writeStatus({ ...status, collisionCount: (status.collisionCount ?? 0) + 1 })
      throw new Error(
        `found a hash collision for deployment "${d.metadata.name ?? ''}": bumped collisionCount`,
        { cause: err }
      )
    }
    this.rsList.push(created)
    if (replicasOf(created) > 0) this.scaledEvent('up', created, replicasOf(created))
    await this.setRevision(newRevision)
    const c = deploymentCondition(
      this.ctx.clock,
      'Progressing',
      'True',
      Reasons.newRSCreated,
      `Created new replica set "${name}"`
    )
    await this.writeStatus({
      ...(this.d.status ?? {}),
      conditions: setCondition((this.d.status as DeploymentStatus | undefined)?.conditions, c),
    })
    return created
  }

  /** Sets the new ReplicaSet's annotations (SetNewReplicaSetAnnotations); returns true when changed. */
  private newRSAnnotations(rs: Workload, newRevision: string, exists: boolean): boolean {
    const ann = { ...(rs.metadata.annotations ?? {}) }
    let changed = false
    for (const [k, v] of Object.entries(this.d.metadata.annotations ?? {})) {
      if (SKIP_COPY.has(k) || ann[k] === v) continue
      ann[k] = v
      changed = true
    }
    const old = ann[A.revision]
    if ((Number.parseInt(old ?? '', 10) || 0) < Number(newRevision)) {
      ann[A.revision] = newRevision
      changed = true
      if (old !== undefined)
        ann[A.revisionHistory] = ann[A.revisionHistory] ? `${ann[A.revisionHistory]},${old}` : old
    }
    rs.metadata.annotations = ann
    if (!exists && this.replicaAnnotations(rs)) changed = true
    return changed
  }

  /** Sets desired-replicas and max-replicas on a ReplicaSet; returns true when changed. */
  replicaAnnotations(rs: Workload): boolean {
    const want = {
      [A.desiredReplicas]: String(replicasOf(this.d)),
      [A.maxReplicas]: String(replicasOf(this.d) + maxSurge(this.d)),
    }
    const ann = rs.metadata.annotations ?? {}
    if (
      ann[A.desiredReplicas] === want[A.desiredReplicas] &&
      ann[A.maxReplicas] === want[A.maxReplicas]
    )
      return false
    rs.metadata.annotations = { ...ann, ...want }
    return true
  }

  /** Scales a ReplicaSet (and refreshes its replica annotations); returns true when the size changed. */
  async scale(rs: Workload, size: number, op?: 'up' | 'down'): Promise<boolean> {
    const sizeChanged = replicasOf(rs) !== size
    const copy = editable(rs)
    const annotationsChanged = this.replicaAnnotations(copy)
    if (!sizeChanged && !annotationsChanged) return false
    copy.spec = { ...copy.spec, replicas: size }
    this.replace(rs, await this.ctx.client.update<Workload>(Refs.replicaSets, copy))
    if (sizeChanged) this.scaledEvent(op ?? (replicasOf(rs) < size ? 'up' : 'down'), copy, size)
    return sizeChanged
  }

  private scaledEvent(op: 'up' | 'down', rs: Workload, size: number): void {
    void this.ctx.recorder.event(
      this.d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${op} replica set ${rs.metadata.name ?? ''} to ${size}`
    )
  }

  /** Sets the Deployment's revision annotation (SetDeploymentRevision). */
  async setRevision(revision: string): Promise<void> {
    if (!revision || this.d.metadata.annotations?.[A.revision] === revision) return
    const patch = { metadata: { annotations: { [A.revision]: revision } } }
    this.d = await this.ctx.client.patch<Workload>(
      Refs.deployments,
      this.d.metadata.name ?? '',
      this.d.metadata.namespace,
      patch,
      PatchType.merge
    )
  }

  /** Writes the Deployment's status unless unchanged. */
  async writeStatus(status: DeploymentStatus): Promise<void> {
    if (jsonEqual(status, this.d.status ?? {})) return
    this.d = await this.ctx.client.update<Workload>(
      Refs.deployments,
      { ...this.d, status },
      { subresource: 'status' }
    )
  }

  /** Deletes a ReplicaSet (revision history cleanup). */
  async deleteReplicaSet(rs: Workload): Promise<void> {
    await this.ctx.client.delete(Refs.replicaSets, rs.metadata.name ?? '', rs.metadata.namespace, {
      preconditions: { uid: rs.metadata.uid ?? '' },
    })
    this.rsList = this.rsList.filter((x) => x !== rs)
  }

  /** Returns the latest copy of a ReplicaSet this sync has rewritten (by name). */
  latest<T extends Workload | undefined>(rs: T): T {
    return ((rs && this.rsList.find((x) => x.metadata.name === rs.metadata.name)) ?? rs) as T
  }

  private replace(old: Workload, next: Workload): Workload {
    const i = this.rsList.findIndex((x) => x.metadata.name === old.metadata.name)
    if (i >= 0) this.rsList[i] = next
    return next
  }
}

/** Returns a copy of a ReplicaSet whose metadata and spec may be replaced (not changed in place). */
function editable(rs: Workload): Workload {
  return { ...rs, metadata: { ...rs.metadata } }
}
