import { isStatusError } from '../api/errors.js'
import { conditionsOf, objectCondition } from '../api/conditions.js'
import { nodeTaints } from '../api/scheduling/index.js'
import { asObject, isObject, objectKey, rfc3339, type KubeObject, type Obj } from '../api/types.js'
import { newRecorder, nodesRef, podsRef, startInformer, type KubeClient } from '../client/index.js'
import type { Clock } from '../util/index.js'
import { evictionDelayMs, UNREACHABLE_TAINT } from './taint-eviction.js'

/** Options of the node lifecycle controller (kube-controller-manager's defaults). */
export interface NodeLifecycleOptions {
  /** `--node-monitor-period`: how often node health is checked (5 s). */
  nodeMonitorPeriodMs?: number
  /** `--node-monitor-grace-period`: heartbeat age that makes a node unknown (40 s). */
  nodeMonitorGracePeriodMs?: number
  onError?: (err: unknown) => void
}

/** A running node lifecycle controller. */
export interface StartedNodeLifecycle {
  stop(): void
}

const NODE_CONDITIONS = ['OutOfDisk', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']

/**
 * Starts the node lifecycle controller: a node whose kubelet stopped posting status for the grace
 * period gets its conditions set Unknown ("Kubelet stopped posting node status."), its pods marked
 * not ready and the `node.kubernetes.io/unreachable:NoExecute` taint; the taint manager then deletes
 * each pod of a NoExecute-tainted node once its toleration runs out (tolerationSeconds, 300 s by
 * the DefaultTolerationSeconds admission), at once without one. A node that posts status again
 * loses the taint and pending evictions are cancelled.
 */
export async function startNodeLifecycle(
  client: KubeClient,
  clock: Clock,
  opts: NodeLifecycleOptions = {}
): Promise<StartedNodeLifecycle> {
  const period = opts.nodeMonitorPeriodMs ?? 5_000
  const grace = opts.nodeMonitorGracePeriodMs ?? 40_000
  const onError = opts.onError ?? (() => {})
  const nodeRecorder = newRecorder(client, clock, { component: 'node-controller' }, onError)
  const taintRecorder = newRecorder(client, clock, { component: 'taint-controller' }, onError)
  const probes = new Map<string, { heartbeat: unknown; observedAt: number }>()
  const evictions = new Map<string, { at: number; cancel: () => void }>()
  // The pods of each node by key, and the taints each node was last seen with: a heartbeat that
  // leaves the taints as they were changes no pod's eviction, so its pods are not looked at.
  const podsByNode = new Map<string, Set<string>>()
  const seenTaints = new Map<string, string>()
  let stopped = false

  const podsOn = (nodeName: string): KubeObject[] =>
    [...(podsByNode.get(nodeName) ?? [])]
      .map((key) => pods.items.get(key))
      .filter((p): p is KubeObject => p !== undefined)

  const indexPod = (old: KubeObject | undefined, pod: KubeObject | undefined) => {
    const key = objectKey((pod ?? old)!)
    if (old) podsByNode.get(podNode(old))?.delete(key)
    if (!pod) return
    const node = podNode(pod)
    let set = podsByNode.get(node)
    if (!set) podsByNode.set(node, (set = new Set()))
    set.add(key)
  }

  const observe = (node: KubeObject) => {
    const name = node.metadata.name ?? ''
    const heartbeat = objectCondition(node, 'Ready')?.lastHeartbeatTime
    if (probes.get(name)?.heartbeat !== heartbeat)
      probes.set(name, { heartbeat, observedAt: clock.simMs() })
    void reconcileTaint(node).catch(onError)
    const taints = JSON.stringify(nodeTaints(node))
    if (seenTaints.get(name) === taints) return
    seenTaints.set(name, taints)
    for (const pod of podsOn(name)) reconcilePod(pod)
  }

  const reconcileTaint = async (node: KubeObject) => {
    const unknown = objectCondition(node, 'Ready')?.status === 'Unknown'
    const taints = nodeTaints(node)
    const has = taints.some(
      (t) => t.key === UNREACHABLE_TAINT.key && t.effect === UNREACHABLE_TAINT.effect
    )
    if (unknown === has) return
    const others = taints.filter(
      (t) => !(t.key === UNREACHABLE_TAINT.key && t.effect === UNREACHABLE_TAINT.effect)
    )
    const next = unknown
      ? [...others, { ...UNREACHABLE_TAINT, timeAdded: rfc3339(clock.now()) }]
      : others
    const spec = asObject(node.spec)
    try {
      await client.update(nodesRef, { ...node, spec: { ...spec, taints: next } })
    } catch (err) {
      // A newer version of the node is on its way through the watch and is reconciled then.
      if (!isStatusError(err, 'Conflict')) throw err
    }
  }

  const reconcilePod = (pod: KubeObject) => {
    const uid = pod.metadata.uid ?? ''
    const node = nodes.items.get(podNode(pod))
    const delay =
      node && !pod.metadata.deletionTimestamp ? evictionDelayMs(pod, node, clock) : undefined
    const pending = evictions.get(uid)
    if (delay === undefined) {
      pending?.cancel()
      evictions.delete(uid)
      return
    }
    const at = clock.simMs() + delay
    if (pending && pending.at === at) return
    pending?.cancel()
    const cancel = clock.after(delay, () => {
      evictions.delete(uid)
      void evict(pod).catch(onError)
    })
    evictions.set(uid, { at, cancel })
  }

  const evict = async (pod: KubeObject) => {
    const { name = '', namespace } = pod.metadata
    const nodeName = podNode(pod)
    const node = nodes.items.get(nodeName)
    if (node && objectCondition(node, 'Ready')?.status === 'Unknown') {
      // As 1.11's node controller does for pods of an unresponsive node (SetPodTerminationReason):
      // kubectl then shows them as Unknown.
      const status = {
        reason: 'NodeLost',
        message: `Node ${nodeName} which was running pod ${name} is unresponsive`,
      }
      if (!(await updateStatus(pod, (st) => ({ ...st, ...status })))) return
    }
    await taintRecorder.event(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${namespace}/${name}`
    )
    try {
      await client.delete(podsRef, name, namespace, { preconditions: { uid: pod.metadata.uid } })
    } catch (err) {
      if (!isStatusError(err, 'NotFound') && !isStatusError(err, 'Conflict')) throw err
    }
  }

  const markUnknown = async (node: KubeObject) => {
    const now = rfc3339(clock.now())
    const status = asObject(node.status)
    const conditions = conditionsOf(node).map((c) =>
      NODE_CONDITIONS.includes(String(c.type))
        ? {
            ...c,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: now,
          }
        : c
    )
    await client.update(
      nodesRef,
      { ...node, status: { ...status, conditions } },
      { subresource: 'status' }
    )
    await nodeRecorder.event(
      node,
      'Normal',
      'NodeNotReady',
      `Node ${node.metadata.name} status is now: NodeNotReady`
    )
    for (const pod of podsOn(node.metadata.name ?? '')) await markPodNotReady(pod)
  }

  // As 1.11's MarkAllPodsNotReady: Ready set False (its times as they were) and the status PUT.
  const markPodNotReady = async (pod: KubeObject) => {
    if (objectCondition(pod, 'Ready')?.status !== 'True') return
    await updateStatus(pod, (st) => ({
      ...st,
      conditions: conditionsOf({ ...pod, status: st }).map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False' } : c
      ),
    }))
  }

  /**
   * PUTs a pod's status (1.11's node controller UpdateStatus, the only verb its role grants on
   * pods/status) from the pod as the informer holds it; on a conflict (its kubelet wrote
   * meanwhile) from the pod listed afresh, as 1.11 lists them. False when the pod is gone.
   */
  const updateStatus = async (pod: KubeObject, change: (status: Obj) => Obj): Promise<boolean> => {
    const { name = '', namespace } = pod.metadata
    let current: KubeObject | undefined = pod
    for (let attempt = 0; current && attempt < 3; attempt++) {
      try {
        const next = { ...current, status: change(asObject(current.status)) }
        await client.update(podsRef, next, { subresource: 'status' })
        return true
      } catch (err) {
        if (isStatusError(err, 'NotFound')) return false
        if (!isStatusError(err, 'Conflict')) throw err
      }
      const fresh = await client.list(podsRef, {
        namespace,
        fieldSelector: `metadata.name=${name}`,
      })
      current = fresh.items[0]
    }
    return current !== undefined
  }

  // As kube's node controller (probeTimestamp): a heartbeat's age is measured from when this
  // controller saw it change, in simulated time, so the grace period is an emulated wait while
  // lastHeartbeatTime itself is wall-clock.
  const monitor = async () => {
    const now = clock.simMs()
    for (const node of nodes.items.values()) {
      const probe = probes.get(node.metadata.name ?? '')
      if (!probe || now - probe.observedAt <= grace) continue
      if (objectCondition(node, 'Ready')?.status === 'Unknown') continue
      try {
        await markUnknown(node)
      } catch (err) {
        // A conflict means the kubelet just posted status: the next round looks again.
        if (!isStatusError(err, 'Conflict')) onError(err)
      }
    }
  }

  const nodes = startInformer(
    client,
    clock,
    nodesRef,
    { onError },
    { onAdd: observe, onUpdate: (_o, n) => observe(n) }
  )
  const pods = startInformer(
    client,
    clock,
    podsRef,
    { onError },
    {
      onAdd: (p) => {
        indexPod(undefined, p)
        reconcilePod(p)
      },
      onUpdate: (o, p) => {
        indexPod(o, p)
        reconcilePod(p)
      },
      onDelete: (p) => {
        indexPod(p, undefined)
        evictions.get(p.metadata.uid ?? '')?.cancel()
        evictions.delete(p.metadata.uid ?? '')
      },
    }
  )
  await Promise.all([nodes.synced, pods.synced])
  // The nodes were first seen before their pods were listed: look at each node's pods now.
  seenTaints.clear()
  for (const node of nodes.items.values()) observe(node)
  let cancelTick = () => {}
  const tick = () => {
    if (stopped) return
    void monitor().finally(() => {
      if (!stopped) cancelTick = clock.after(period, tick)
    })
  }
  cancelTick = clock.after(period, tick)
  return {
    stop() {
      stopped = true
      cancelTick()
      nodes.stop()
      pods.stop()
      for (const e of evictions.values()) e.cancel()
      evictions.clear()
    },
  }
}

function podNode(pod: KubeObject): string {
  return isObject(pod.spec) && typeof pod.spec.nodeName === 'string' ? pod.spec.nodeName : ''
}
