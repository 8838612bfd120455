import { isStatusError } from '../api/errors.js'
import { conditionsOf, updatePodCondition } from '../api/conditions.js'
import { asObject, objectKey, rfc3339, type KubeObject } from '../api/types.js'
import {
  newRecorder,
  nodesRef,
  patchPodConditions,
  podsRef,
  startInformer,
  type KubeClient,
} from '../client/index.js'
import type { Clock } from '../util/index.js'
import { DEFAULT_PLUGINS } from './default-plugins.js'
import { schedulePod } from './generic-scheduler.js'
import { podFinished, podNodeName } from './node-info.js'
import type { Plugin } from './plugin.js'
import { SchedulerCache } from './scheduler-cache.js'
import { SchedulingQueue } from './scheduling-queue.js'

/** Options of the scheduler. */
export interface SchedulerOptions {
  /** Pods whose spec.schedulerName is this one are scheduled (default `default-scheduler`). */
  schedulerName?: string
  /** Filters and scores, filters in evaluation order (default DEFAULT_PLUGINS). */
  plugins?: readonly Plugin[]
  /** Picks among equally scored nodes (default Math.random); inject a seeded one for reproducible runs. */
  random?: () => number
  /** Simulated ms before a pod whose binding failed for another reason than a conflict is tried again. */
  retryMs?: number
  onError?: (err: unknown) => void
}

/** A running scheduler. */
export interface StartedScheduler {
  stop(): void
}

/**
 * Starts the scheduler: watches nodes and pods, schedules each unbound pod of its scheduler name
 * with the filter and score plugins, binds it through `pods/binding` (event `Scheduled`), or
 * leaves it Pending with a `FailedScheduling` event and a PodScheduled=False condition carrying
 * the FitError message. Unschedulable pods are tried again when nodes or bound pods change.
 */
export async function startScheduler(
  client: KubeClient,
  clock: Clock,
  opts: SchedulerOptions = {}
): Promise<StartedScheduler> {
  const schedulerName = opts.schedulerName ?? 'default-scheduler'
  const plugins = opts.plugins ?? DEFAULT_PLUGINS
  const onError = opts.onError ?? (() => {})
  const recorder = newRecorder(client, clock, { component: schedulerName }, onError)
  // Nodes and the pods bound or assumed to them, kept from the informers' events (schedulerCache).
  const cache = new SchedulerCache()
  let stopped = false

  const mine = (pod: KubeObject) => {
    const spec = asObject(pod.spec)
    return (
      !podNodeName(pod) &&
      (spec.schedulerName ?? 'default-scheduler') === schedulerName &&
      !pod.metadata.deletionTimestamp &&
      !podFinished(pod) &&
      !cache.isAssumed(objectKey(pod))
    )
  }

  const scheduleOne = async (key: string) => {
    const pod = pods.items.get(key)
    if (!pod || !mine(pod)) return
    const result = schedulePod(pod, cache.snapshot(), plugins, opts.random)
    if ('error' in result) return failed(key, pod, result.error)
    cache.assume(key, result.node)
    const { name = '', namespace } = pod.metadata
    try {
      const binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace },
        target: { apiVersion: 'v1', kind: 'Node', name: result.node },
      }
      await client.post(podsRef, name, namespace, 'binding', binding)
      await recorder.event(
        pod,
        'Normal',
        'Scheduled',
        `Successfully assigned ${namespace}/${name} to ${result.node}`
      )
    } catch (err) {
      cache.assume(key, undefined)
      // A conflict: the pod got bound or deleted meanwhile, and the watch brings that news.
      if (isStatusError(err, 'Conflict') || isStatusError(err, 'NotFound')) return
      onError(err)
      clock.after(opts.retryMs ?? 1000, () => queue.add(key))
    }
  }

  const failed = async (key: string, pod: KubeObject, message: string) => {
    queue.unschedulable(key)
    await recorder.event(pod, 'Warning', 'FailedScheduling', message)
    // As 1.11's podConditionUpdater: the status is written only when the condition changed.
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      reason: 'Unschedulable',
      message,
    }
    const { conditions: next, changed } = updatePodCondition(
      conditionsOf(pod),
      condition,
      rfc3339(clock.now())
    )
    if (changed) await patchPodConditions(client, pod, next).catch(onError)
  }

  const queue = new SchedulingQueue(async (key) => {
    if (!stopped) await scheduleOne(key).catch(onError)
  })

  const nodes = startInformer(
    client,
    clock,
    nodesRef,
    { onError },
    {
      onAdd: (node) => {
        cache.setNode(node)
        queue.moveAllToActive()
      },
      onUpdate: (old, node) => {
        cache.setNode(node)
        if (schedulingProperties(old) !== schedulingProperties(node)) queue.moveAllToActive()
      },
      onDelete: (node) => cache.removeNode(node.metadata.name ?? ''),
    }
  )
  const pods = startInformer(
    client,
    clock,
    podsRef,
    { onError },
    {
      onAdd: (pod) => {
        const key = objectKey(pod)
        if (podNodeName(pod)) cache.assume(key, undefined)
        cache.setPod(key, pod)
        if (mine(pod)) queue.add(key)
      },
      onUpdate: (old, pod) => {
        const key = objectKey(pod)
        if (podNodeName(pod)) cache.assume(key, undefined)
        cache.setPod(key, pod)
        if (podNodeName(pod)) {
          queue.remove(key)
          if (
            !podNodeName(old) ||
            podFinished(pod) !== podFinished(old) ||
            labelsOf(old) !== labelsOf(pod)
          )
            queue.moveAllToActive()
        } else if (mine(pod)) {
          if (
            JSON.stringify([old.spec, old.metadata.labels]) !==
            JSON.stringify([pod.spec, pod.metadata.labels])
          )
            queue.activate(key)
          else queue.add(key)
        } else queue.remove(key)
      },
      onDelete: (pod) => {
        const key = objectKey(pod)
        cache.setPod(key, undefined)
        queue.remove(key)
        if (podNodeName(pod)) queue.moveAllToActive()
      },
    }
  )
  await Promise.all([nodes.synced, pods.synced])
  queue.start()
  return {
    stop() {
      stopped = true
      queue.stop()
      nodes.stop()
      pods.stop()
    },
  }
}

function labelsOf(pod: KubeObject): string {
  return JSON.stringify(pod.metadata.labels ?? {})
}

/** Returns what of a node matters to scheduling (labels, taints, cordon, allocatable, condition statuses). */
function schedulingProperties(node: KubeObject): string {
  const spec = asObject(node.spec)
  const status = asObject(node.status)
  const conditions = conditionsOf(node).map((c) => `${String(c.type)}=${String(c.status)}`)
  return JSON.stringify([
    node.metadata.labels,
    spec.unschedulable,
    spec.taints,
    status.allocatable,
    conditions,
  ])
}
