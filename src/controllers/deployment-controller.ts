import type { LabelSelector } from '../api/selectors/index.js'
import { byKey } from './cached-candidates.js'
import { claimObjects } from './claim.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { Reasons, deploymentCondition, type DeploymentStatus } from './deployment-status.js'
import { DeploymentSync } from './deployment-sync.js'
import {
  isScalingEvent,
  rolloutRecreate,
  rolloutRolling,
  syncScale,
  syncStatusOnly,
} from './deployment-rollout.js'
import type { Informer } from '../client/index.js'
import {
  controllerOf,
  findCondition,
  isNotFound,
  listSelected,
  selectorOf,
  setCondition,
  splitKey,
} from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { Refs } from '../client/index.js'
import type { Pod, Workload } from './workload-types.js'

/** Creates the Deployment controller: ReplicaSets per pod template, rolling updates, rollout status. */
export function newDeploymentController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'deployment-controller')
  const deployments = ctx.informers.for<Workload>(Refs.deployments)
  const sets = ctx.informers.for<Workload>(Refs.replicaSets)
  const pods = ctx.informers.for<Pod>(Refs.pods)
  const c = new QueueController('deployment', ctx, [deployments, sets, pods], (key) =>
    reconcileDeployment(ctx, key, { deployments, sets })
  )
  deployments.on(enqueueSelf(c.queue))
  sets.on(enqueueOwner(c.queue, 'Deployment', deployments))
  // Recreate waits for the old pods to be gone: a deleted pod wakes its Deployment up.
  pods.on({ delete: (p) => enqueueDeploymentOfPod(c.queue.add.bind(c.queue), sets, p) })
  return c
}

function enqueueDeploymentOfPod(
  add: (key: string) => void,
  sets: Informer<Workload>,
  pod: Pod
): void {
  const rsRef = controllerOf(pod)
  if (rsRef?.kind !== 'ReplicaSet') return
  const rs = sets.get(`${pod.metadata.namespace ?? ''}/${rsRef.name}`)
  const dRef = rs && controllerOf(rs)
  if (dRef?.kind === 'Deployment') add(`${pod.metadata.namespace ?? ''}/${dRef.name}`)
}

/** The informers a Deployment sync reads (kube-controller-manager's listers), when it has them. */
export interface DeploymentListers {
  deployments: Informer<Workload>
  sets: Informer<Workload>
}

/**
 * Syncs one Deployment (`namespace/name`): its ReplicaSets, scaling, rollout and status. With
 * `listers` the Deployment and its ReplicaSets are read from the informers' caches (in the order
 * a list gives; never changed in place), as dsc.dLister and rsLister do, else through the API.
 */
export async function reconcileDeployment(
  ctx: ControllerContext,
  key: string,
  listers?: DeploymentListers
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let d: Workload
  if (listers) {
    const cached = listers.deployments.get(key)
    if (!cached) return
    d = cached
  } else
    try {
      d = await ctx.client.get<Workload>(Refs.deployments, name, namespace)
    } catch (err) {
      if (isNotFound(err)) return
      throw err
    }
  const selector = selectorOf(d.spec?.selector)
  if (selector.isEmpty()) {
    void ctx.recorder.event(
      d,
      'Warning',
      'SelectingAll',
      'This deployment is selecting all pods. A non-empty selector is required.'
    )
    const st = (d.status ?? {}) as DeploymentStatus
    if ((st.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      await ctx.client.update(
        Refs.deployments,
        { ...d, status: { ...st, observedGeneration: d.metadata.generation } },
        { subresource: 'status' }
      )
    }
    return
  }
  const rsList = await claimObjects(
    ctx.client,
    Refs.replicaSets,
    d,
    selector,
    listers
      ? cachedSelected(listers.sets, namespace, selector)
      : await listSelected<Workload>(ctx.client, Refs.replicaSets, namespace, selector)
  )
  const s = new DeploymentSync(ctx, d, rsList)
  if (d.metadata.deletionTimestamp) {
    await syncStatusOnly(s)
    return undefined
  }
  await checkPaused(s)
  if (d.spec?.paused === true || (await isScalingEvent(s))) {
    await syncScale(s)
    return undefined
  }
  if ((d.spec?.strategy as { type?: string } | undefined)?.type === 'Recreate') {
    const uids = new Set(s.rsList.map((rs) => rs.metadata.uid))
    const pods = (await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)).filter((p) =>
      uids.has(controllerOf(p)?.uid)
    )
    return rolloutRecreate(s, pods)
  }
  return rolloutRolling(s)
}

/** Records pausing and resuming in the Progressing condition (checkPausedConditions). */
async function checkPaused(s: DeploymentSync): Promise<void> {
  const st = (s.d.status ?? {}) as DeploymentStatus
  const cond = findCondition(st.conditions, 'Progressing')
  if (cond?.reason === Reasons.timedOut) return
  const paused = s.d.spec?.paused === true
  let next
  if (paused && cond?.reason !== Reasons.paused)
    next = deploymentCondition(
      s.ctx.clock,
      'Progressing',
      'Unknown',
      Reasons.paused,
      'Deployment is paused'
    )
  else if (!paused && cond?.reason === Reasons.paused)
    next = deploymentCondition(
      s.ctx.clock,
      'Progressing',
      'Unknown',
      Reasons.resumed,
      'Deployment is resumed'
    )
  if (next) await s.writeStatus({ ...st, conditions: setCondition(st.conditions, next) })
}

/**
 * Returns the cached objects of a namespace that a selector matches, as listSelected. Not copies:
 * a sync never changes an object it read (it copies before it writes), so the cache stays as is.
 */
function cachedSelected(
  inf: Informer<Workload>,
  namespace: string,
  selector: LabelSelector
): Workload[] {
  if (!selector.isEmpty() && !selector.toString()) return []
  return inf
    .list(namespace)
    .filter((o) => selector.matches(o.metadata.labels))
    .sort(byKey)
}
