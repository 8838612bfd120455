import { isStatusError } from '../api/errors.js'
import { conditionsOf, objectCondition } from '../api/conditions.js'
import { asObject, rfc3339, type KubeObject } from '../api/types.js'
import { newRecorder, nodesRef, podsRef, startInformer, type KubeClient } from '../client/index.js'
import type { TopologyNode } from '../cluster/index.js'
import { yieldToLoop } from '../controllers/index.js'
import type { Clock } from '../util/index.js'
import { Backoff, CONTAINER_BACKOFF, IMAGE_BACKOFF } from './backoff.js'
import type { ImageBehaviourRegistry } from './image-behaviours.js'
import type { KubeletContext } from './kubelet-context.js'
import type { ContainerExecRuntime } from './shell/index.js'
import { MemoryLogStore } from './log-store.js'
import { desiredNode, heartbeatConditions, nodeIdentity } from './node-status.js'
import { PodIpAllocator } from './pod-ip-allocator.js'
import { PodWorker } from './pod-worker.js'
import { SerialPuller } from './serial-puller.js'
import { CONTAINER_STAGES, type ContainerStage } from './stages.js'

/** The kubelet's default `--node-status-update-frequency` (10 s). */
export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000

/**
 * The shortest real (wall-clock) time between two heartbeats of one kubelet. At a small time
 * factor 10 simulated seconds are a few real milliseconds, and hundreds of nodes posting status
 * that often would leave the API server no time for anything else; the node lifecycle controller
 * waits at least four of these periods (sim-machines), so kube's four heartbeats per grace
 * period hold.
 */
export const MIN_REAL_HEARTBEAT_MS = 2_500

/**
 * The node status writes per real second a whole lab's kubelets may make together: past 1,000
 * nodes each kubelet's real period grows with the node count (5,000 nodes: 12.5 s), as a node
 * status write costs the lab about 1.6 ms of CPU and 5,000 nodes at 2.5 s would be 2,000 writes/s.
 */
export const HEARTBEATS_PER_REAL_SECOND = 400

/** Returns the shortest real ms between two heartbeats of one kubelet in a lab of `nodes` nodes. */
export function minRealHeartbeatMs(nodes = 1): number {
  return Math.max(MIN_REAL_HEARTBEAT_MS, Math.ceil((nodes * 1000) / HEARTBEATS_PER_REAL_SECOND))
}

/**
 * Returns the simulated ms between heartbeats: the frequency asked for, else the kubelet's
 * default, at least minRealHeartbeatMs(nodes) of real time.
 */
export function heartbeatPeriodMs(clock: Clock, frequencyMs?: number, nodes = 1): number {
  if (frequencyMs !== undefined) return frequencyMs
  return clock.timeFactor > 0
    ? Math.max(NODE_STATUS_UPDATE_FREQUENCY_MS, minRealHeartbeatMs(nodes) / clock.timeFactor)
    : NODE_STATUS_UPDATE_FREQUENCY_MS
}

/** What a scenario changes about the world a kubelet sees. */
export interface KubeletScenario {
  /** Image globs whose pulls fail (ErrImagePull, then ImagePullBackOff). */
  missingImages?: string[]
}

/** Options of a simulated kubelet. */
export interface KubeletOptions {
  /** The node it runs: a topology node (its Node object comes from cluster's nodeObject) or a Node object. */
  node: TopologyNode | KubeObject
  behaviours: ImageBehaviourRegistry
  scenario?: KubeletScenario
  /** The lab's shared log store (the API server's LogSource); a private one when absent. */
  logs?: MemoryLogStore
  /** Simulated ms between node status heartbeats (default: heartbeatPeriodMs). */
  nodeStatusUpdateFrequencyMs?: number
  /** false registers the node NotReady (no pod network yet). Default true. */
  networkReady?: boolean
  /** Images already on the node. */
  images?: string[]
  /** Pull one image at a time on the node, as 1.11's default `--serialize-image-pulls=true` (default true). */
  serializeImagePulls?: boolean
  /** The container stages (default CONTAINER_STAGES). */
  stages?: readonly ContainerStage[]
  /** The lab's exec runtime (shared by its kubelets). */
  exec?: ContainerExecRuntime
  onError?: (err: unknown) => void
  /**
   * A lab restored from a snapshot: the Node and its pods' containers are taken as they were
   * (running containers keep running, no registration Events), not started again.
   */
  resume?: boolean
}

/** A running kubelet. */
export interface StartedKubelet {
  readonly nodeName: string
  readonly logs: MemoryLogStore
  /** Sets whether the pod network is up (the Ready condition) and posts the node status at once. */
  setNetworkReady(ready: boolean): Promise<void>
  /** Stops the kubelet: no more heartbeats, pods left as they are (a powered-off node). */
  stop(): void
}

/**
 * Starts a simulated kubelet: registers its Node (or refreshes the status of an existing one),
 * posts node status every nodeStatusUpdateFrequency, and runs the pods bound to its node
 * (fieldSelector spec.nodeName) through the container stages.
 */
export async function startKubelet(
  client: KubeClient,
  clock: Clock,
  opts: KubeletOptions
): Promise<StartedKubelet> {
  const id = nodeIdentity(opts.node)
  const onError = opts.onError ?? (() => {})
  const recorder = newRecorder(client, clock, { component: 'kubelet', host: id.name }, onError)
  const ctx: KubeletContext = {
    client,
    clock,
    nodeName: id.name,
    nodeIP: id.address,
    recorder,
    logs: opts.logs ?? new MemoryLogStore(),
    behaviours: opts.behaviours,
    missingImages: opts.scenario?.missingImages ?? [],
    images: new Set(opts.images ?? []),
    restartBackoff: new Backoff(clock, CONTAINER_BACKOFF),
    imageBackoff: new Backoff(clock, IMAGE_BACKOFF),
    ips: new PodIpAllocator(id.podCIDR),
    ...(opts.serializeImagePulls === false ? {} : { puller: new SerialPuller() }),
    stages: opts.stages ?? CONTAINER_STAGES,
    ...(opts.exec ? { exec: opts.exec } : {}),
    onError,
    ...(opts.resume ? { resume: true } : {}),
  }
  let networkReady = opts.networkReady ?? true
  let stopped = false
  let wasReady: boolean | undefined
  // The Node as this kubelet last wrote it: the next heartbeat starts from it instead of reading
  // the Node again; any other writer in between makes that write conflict, and the retry reads.
  let lastWritten: KubeObject | undefined

  // Registration (at start) creates the Node if needed; later heartbeats only update its status,
  // as a 1.11 kubelet does not register again while it runs.
  const postStatus = async (register = false): Promise<void> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = rfc3339(clock.now())
      const desired = desiredNode(opts.node, now, networkReady)
      let node: KubeObject
      let existed = true
      if (lastWritten && !register) node = lastWritten
      else
        try {
          node = await client.get(nodesRef, id.name)
        } catch (err) {
          if (!isStatusError(err, 'NotFound') || !register) throw err
          node = await client.create(nodesRef, desired)
          existed = false
        }
      lastWritten = undefined
      if (register) {
        register = false
        // Resumed: the node runs on as it was (its Ready state known, its start already recorded).
        if (opts.resume && existed) wasReady = objectCondition(node, 'Ready')?.status === 'True'
        else await nodeEvents(node)
      }
      const status = asObject(node.status)
      const want = asObject(desired.status)
      const conditions = heartbeatConditions(conditionsOf(node), conditionsOf(desired), now)
      try {
        const updated = await client.update(
          nodesRef,
          { ...node, status: { ...status, ...want, conditions } },
          { subresource: 'status' }
        )
        lastWritten = updated
        await readyEvent(updated)
        return
      } catch (err) {
        // Another writer (the node lifecycle controller) got in between: read again and retry.
        if (!isStatusError(err, 'Conflict')) throw err
      }
    }
  }

  // The kubelet's own node reference carries the node name as UID (kubelet.go nodeRef).
  const nodeRef = (node: KubeObject): KubeObject => ({
    ...node,
    metadata: { ...node.metadata, uid: id.name, resourceVersion: '' },
  })

  const nodeEvents = async (created: KubeObject) => {
    const node = nodeRef(created)
    await recorder.event(node, 'Normal', 'Starting', 'Starting kubelet.')
    for (const reason of [
      'NodeHasSufficientDisk',
      'NodeHasSufficientMemory',
      'NodeHasNoDiskPressure',
      'NodeHasSufficientPID',
    ]) {
      await recorder.event(node, 'Normal', reason, `Node ${id.name} status is now: ${reason}`)
    }
    await recorder.event(
      node,
      'Normal',
      'NodeAllocatableEnforced',
      'Updated Node Allocatable limit across pods'
    )
  }

  const readyEvent = async (updated: KubeObject) => {
    const node = nodeRef(updated)
    const ready = objectCondition(node, 'Ready')?.status === 'True'
    if (ready === wasReady) return
    wasReady = ready
    const reason = ready ? 'NodeReady' : 'NodeNotReady'
    await recorder.event(node, 'Normal', reason, `Node ${id.name} status is now: ${reason}`)
  }

  await postStatus(true)
  let cancelBeat = () => {}
  const beat = () => {
    if (stopped) return
    // Kubelets that joined together beat together, in one timers phase of the loop: each waits
    // for its turn, so that hundreds of node status writes do not hold the loop in one go.
    yieldToLoop()
      .then(() => (stopped ? undefined : postStatus()))
      .catch(onError)
      .finally(() => {
        if (!stopped) cancelBeat = clock.after(period, beat)
      })
  }
  const period = heartbeatPeriodMs(clock, opts.nodeStatusUpdateFrequencyMs)
  cancelBeat = clock.after(period, beat)

  const workers = new Map<string, PodWorker>()
  const seen = (pod: KubeObject) => {
    if (stopped) return
    const uid = pod.metadata.uid ?? ''
    const worker = workers.get(uid)
    if (worker) return worker.update(pod)
    const phase = asObject(pod.status).phase
    if (phase === 'Succeeded' || phase === 'Failed') return
    const w = new PodWorker(ctx, pod)
    workers.set(uid, w)
    w.start()
  }
  const informer = startInformer(
    client,
    clock,
    podsRef,
    { fieldSelector: `spec.nodeName=${id.name}`, onError },
    {
      onAdd: seen,
      onUpdate: (_old, pod) => seen(pod),
      onDelete: (pod) => {
        const uid = pod.metadata.uid ?? ''
        workers.get(uid)?.dispose()
        workers.delete(uid)
      },
    }
  )
  await informer.synced

  return {
    nodeName: id.name,
    logs: ctx.logs,
    async setNetworkReady(ready) {
      networkReady = ready
      await postStatus()
    },
    stop() {
      stopped = true
      cancelBeat()
      informer.stop()
      for (const w of workers.values()) w.stop()
    },
  }
}
