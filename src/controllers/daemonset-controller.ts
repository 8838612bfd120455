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
  omitEmpty,
  selectorOf,
  splitKey,
} from './object-util.js'
import { enqueueOwner, enqueueSelf } from './owner-handlers.js'
import { PodControl } from './pod-control.js'
import { computeHash, REVISION_HASH } from './pod-template-hash.js'
import { isPodAvailable, isPodReady, msUntilAvailable } from './pod-util.js'
import { Refs } from '../client/index.js'
import type { Node, Pod, Workload } from './workload-types.js'

/** Creates the DaemonSet controller: one pod per eligible node, bound at creation (1.11 without ScheduleDaemonSetPods). */
export function newDaemonSetController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'daemonset-controller')
  const sets = ctx.informers.for<Workload>(Refs.daemonSets)
  const pods = ctx.informers.for<Pod>(Refs.pods)
  const nodes = ctx.informers.for<Node>(Refs.nodes)
  const c = new QueueController('daemonset', ctx, [sets, pods, nodes], (key) =>
    reconcileDaemonSet(ctx, key)
  )
  sets.on(enqueueSelf(c.queue))
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
 * Syncs one DaemonSet (`namespace/name`): creates a pod bound to each eligible node without one,
 * deletes pods on nodes it must leave, failed pods and duplicates, replaces outdated pods
 * (RollingUpdate, at most maxUnavailable at a time) and writes the status.
 */
export async function reconcileDaemonSet(
  ctx: ControllerContext,
  key: string
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let ds: Workload
  try {
    ds = await ctx.client.get<Workload>(Refs.daemonSets, name, namespace)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  const spec = ds.spec ?? {}
  const template = spec.template ?? {}
  const podSpec = template.spec ?? {}
  const hash = computeHash(template, intOr(ds.status?.collisionCount, 0) || undefined)
  const selector = selectorOf(spec.selector)
  const nodes = (await ctx.client.list<Node>(Refs.nodes)).items
  const pods = await claimObjects(
    ctx.client,
    Refs.pods,
    ds,
    selector,
    await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
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
  if (!ds.metadata.deletionTimestamp) {
    const results = await Promise.allSettled([
      ...create.map((node) =>
        control.create(ds, template, {
          nodeName: node.metadata.name ?? '',
          labels: { [REVISION_HASH]: hash },
          mutate: (p) => {
            p.spec = { ...p.spec, tolerations: withDaemonTolerations(p.spec?.tolerations) }
          },
        })
      ),
      ...remove.map((p) => control.delete(ds, p)),
    ])
    manageErr = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason
    if (
      manageErr === undefined &&
      (spec.updateStrategy as { type?: string } | undefined)?.type !== 'OnDelete'
    ) {
      await rollingUpdate(ctx, control, ds, nodes, byNode, hash)
    }
  }
  const status = daemonSetStatus(ctx, ds, nodes, byNode, hash)
  if (!jsonEqual(status, ds.status ?? {}))
    await ctx.client.update(Refs.daemonSets, { ...ds, status }, { subresource: 'status' })
  if (manageErr !== undefined) throw manageErr
  const minReady = intOr(spec.minReadySeconds, 0)
  const waits = pods
    .map((p) => msUntilAvailable(p, minReady, ctx.clock))
    .filter((x): x is number => x !== undefined)
  if (waits.length) return { requeueAfterMs: Math.max(1000, Math.min(...waits)) }
}

/** Deletes outdated pods: unavailable ones at once, available ones while fewer than maxUnavailable are down. */
async function rollingUpdate(
  ctx: ControllerContext,
  control: PodControl,
  ds: Workload,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string
): Promise<void> {
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
  await Promise.all(victims.map((p) => control.delete(ds, p)))
}

function daemonSetStatus(
  ctx: ControllerContext,
  ds: Workload,
  nodes: Node[],
  byNode: Map<string, Pod[]>,
  hash: string
): Record<string, unknown> {
  const podSpec = ds.spec?.template?.spec ?? {}
  const minReady = intOr(ds.spec?.minReadySeconds, 0)
  let desired = 0
  let current = 0
  let misscheduled = 0
  let ready = 0
  let available = 0
  let updated = 0
  for (const node of nodes) {
    const here = [...(byNode.get(node.metadata.name ?? '') ?? [])].sort(
      (a, b) =>
        (Date.parse(a.metadata.creationTimestamp ?? '') || 0) -
        (Date.parse(b.metadata.creationTimestamp ?? '') || 0)
    )
    if (!daemonPlacement(podSpec, node).wantToRun) {
      if (here.length) misscheduled++
      continue
    }
    desired++
    const pod = here[0]
    if (!pod) continue
    current++
    if (isPodReady(pod)) {
      ready++
      if (isPodAvailable(pod, minReady, ctx.clock)) available++
    }
    if (pod.metadata.labels?.[REVISION_HASH] === hash) updated++
  }
  return omitEmpty(
    {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
      collisionCount: ds.status?.collisionCount,
    },
    ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady']
  )
}
