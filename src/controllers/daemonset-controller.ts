import { claimObjects } from './claim.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { scaledValue } from './deployment-util.js'
import { daemonPlacement, withDaemonTolerations } from './node-eligibility.js'
import {
  intOr,
  isNotFound,
  jsonEqual,
  keyOf,
  listSelected,
  selectorOf,
  splitKey,
} from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { PodControl } from './pod-control.js'
import { REVISION_HASH, templateHash } from './pod-template-hash.js'
import { byKey, candidatesFromCache, indexByController } from './cached-candidates.js'
import { Expectations, observeExpectations } from './expectations.js'
import { MutationCache } from './mutation-cache.js'
import { daemonSetStatus, writeDaemonSetStatus } from './daemonset-status.js'
import type { KubeObject } from '../api/types.js'
import { isPodAvailable, msUntilAvailable } from './pod-util.js'
import { Refs, type Informer } from '../client/index.js'
import type { Node, Pod, Workload } from './workload-types.js'

/** Creates the DaemonSet controller: one pod per eligible node, bound at creation (1.11 without ScheduleDaemonSetPods). */
export function newDaemonSetController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'daemonset-controller')
  const sets = ctx.informers.for<Workload>(Refs.daemonSets)
  const pods = indexByController(ctx.informers.for<Pod>(Refs.pods))
  const nodes = ctx.informers.for<Node>(Refs.nodes)
  const listers: DaemonSetListers = {
    sets: new MutationCache(sets),
    pods,
    nodes,
    expectations: new Expectations(ctx.clock),
  }
  const c = new QueueController('daemonset', ctx, [sets, pods, nodes], (key) =>
    reconcileDaemonSet(ctx, key, listers)
  )
  sets.on(enqueueSelf(c.queue))
  sets.on({ delete: (ds) => listers.expectations.delete(keyOf(ds)) })
  // The expectations learn of creations and deletions before the owner's key is queued.
  pods.on(observeExpectations(listers.expectations, 'DaemonSet'))
  pods.on(enqueueOwner(c.queue, 'DaemonSet', sets))
  const all = () => {
    for (const ds of sets.list()) c.queue.add(keyOf(ds))
  }
  nodes.on({
    add: all,
    update: (old, n) =>
      jsonEqual(old.spec, n.spec) && jsonEqual(old.metadata.labels, n.metadata.labels)
        ? undefined
        : all(),
    delete: all,
  })
  return c
}

/**
 * The caches a DaemonSet sync reads (kube-controller-manager's dsLister with its own writes,
 * podLister, nodeLister) and the creations and deletions it waits to see (expectations).
 */
export interface DaemonSetListers {
  sets: MutationCache<Workload>
  pods: Informer<Pod>
  nodes: Informer<Node>
  expectations: Expectations
}

/**
 * Syncs one DaemonSet (`namespace/name`): creates a pod bound to each eligible node without one,
 * deletes pods on nodes it must leave, failed pods and duplicates, replaces outdated pods
 * (RollingUpdate, at most maxUnavailable at a time) and writes the status. With `listers` the
 * DaemonSet, the nodes and the pods are read from the informers' caches and pods are created or
 * deleted only once the previous sync's creations and deletions were seen; else through the API.
 */
export async function reconcileDaemonSet(
  ctx: ControllerContext,
  key: string,
  listers?: DaemonSetListers
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let ds: Workload
  if (listers) {
    const cached = listers.sets.get(key)
    if (!cached) {
      listers.expectations.delete(key)
      return
    }
    ds = cached
  } else
    try {
      ds = await ctx.client.get<Workload>(Refs.daemonSets, name, namespace)
    } catch (err) {
      if (isNotFound(err)) return
      throw err
    }
  const spec = ds.spec ?? {}
  const template = spec.template ?? {}
  const podSpec = template.spec ?? {}
  const hash = templateHash(template, intOr(ds.status?.collisionCount, 0) || undefined)
  const selector = selectorOf(spec.selector)
  const nodes = listers
    ? listers.nodes.list().sort(byName)
    : (await ctx.client.list<Node>(Refs.nodes)).items
  const pods = await claimObjects(
    ctx.client,
    Refs.pods,
    ds,
    selector,
    listers
      ? candidatesFromCache(listers.pods, ds, selector).sort(byKey)
      : await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
  )
  const byNode = new Map<string, Pod[]>()
  for (const p of pods) {
    const n = p.spec?.nodeName ?? ''
    byNode.set(n, [...(byNode.get(n) ?? []), p])
  }
  const oldestFirst = (a: Pod, b: Pod) =>
    (Date.parse(a.metadata.creationTimestamp ?? '') || 0) -
    (Date.parse(b.metadata.creationTimestamp ?? '') || 0)
  const create: Node[] = []
  const remove: Pod[] = []
  const control = new PodControl(ctx.client, ctx.recorder)
  for (const node of nodes) {
    const place = daemonPlacement(podSpec, node)
    const here = (byNode.get(node.metadata.name ?? '') ?? []).sort(oldestFirst)
    if (place.shouldSchedule && here.length === 0) create.push(node)
    else if (place.shouldContinueRunning) {
      const running = here.filter((p) => !p.metadata.deletionTimestamp)
      const live = running.filter((p) => {
        if (p.status?.phase !== 'Failed') return true
        void ctx.recorder.event(
          ds,
          'Warning',
          'FailedDaemonPod',
          `Found failed daemon pod ${namespace}/${p.metadata.name ?? ''} on node ${node.metadata.name ?? ''}, will try to kill it`
        )
        remove.push(p)
        return false
      })
      remove.push(...live.slice(1))
    } else remove.push(...here.filter((p) => !p.metadata.deletionTimestamp))
  }
  let manageErr: unknown
  const expectations = listers?.expectations
  if (!ds.metadata.deletionTimestamp && (expectations?.satisfied(key) ?? true)) {
    const rolling = (spec.updateStrategy as { type?: string } | undefined)?.type !== 'OnDelete'
    const victims = rolling ? rollingVictims(ctx, ds, nodes, byNode, hash) : []
    expectations?.expect(key, create.length, [...remove, ...victims].map(keyOf))
    const observed = <R>(p: Pod | undefined, work: Promise<R>) =>
      work.catch((err: unknown) => {
        if (p) expectations?.deletionObserved(key, keyOf(p))
        else expectations?.creationObserved(key)
        throw err
      })
    const results = await Promise.allSettled([
      ...create.map((node) =>
        observed(
          undefined,
          control.create(ds, template, {
            nodeName: node.metadata.name ?? '',
            labels: { [REVISION_HASH]: hash },
            mutate: (p) => {
              p.spec = { ...p.spec, tolerations: withDaemonTolerations(p.spec?.tolerations) }
            },
          })
        )
      ),
      ...remove.map((p) => observed(p, control.delete(ds, p))),
    ])
    manageErr = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason
    if (manageErr === undefined)
      await Promise.all(victims.map((p) => observed(p, control.delete(ds, p))))
    else for (const p of victims) expectations?.deletionObserved(key, keyOf(p))
  }
  const status = daemonSetStatus(ctx, ds, nodes, byNode, hash)
  if (!jsonEqual(status, ds.status ?? {}))
    await writeDaemonSetStatus(ctx, ds, status, listers?.sets)
  if (manageErr !== undefined) throw manageErr
  const minReady = intOr(spec.minReadySeconds, 0)
  const waits = pods
    .map((p) => msUntilAvailable(p, minReady, ctx.clock))
    .filter((x): x is number => x !== undefined)
  if (waits.length) return { requeueAfterMs: Math.max(1000, Math.min(...waits)) }
}

/** Orders objects by name, as a list of a cluster-scoped resource through the API returns them. */
function byName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.name ?? ''
  const y = b.metadata.name ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/** Returns the outdated pods to delete: unavailable ones at once, available ones while fewer than maxUnavailable are down. */
function rollingVictims(
  ctx: ControllerContext,
  ds: Workload,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string
): Pod[] {
  const minReady = intOr(ds.spec?.minReadySeconds, 0)
  const podSpec = ds.spec?.template?.spec ?? {}
  let desired = 0
  let unavailable = 0
  const old: Pod[] = []
  for (const node of nodes) {
    if (!daemonPlacement(podSpec, node).wantToRun) continue
    desired++
    const here = byNode.get(node.metadata.name ?? '') ?? []
    if (!here.some((p) => isPodAvailable(p, minReady, ctx.clock))) unavailable++
    old.push(
      ...here.filter(
        (p) => p.metadata.labels?.[REVISION_HASH] !== hash && !p.metadata.deletionTimestamp
      )
    )
  }
  const ru = (
    ds.spec?.updateStrategy as { rollingUpdate?: { maxUnavailable?: number | string } } | undefined
  )?.rollingUpdate
  const maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true)
  const victims = old.filter((p) => !isPodAvailable(p, minReady, ctx.clock))
  for (const p of old) {
    if (!isPodAvailable(p, minReady, ctx.clock)) continue
    if (unavailable >= maxUnavailable) break
    victims.push(p)
    unavailable++
  }
  return victims
}
