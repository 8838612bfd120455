import { conditionsOf, findCondition, transitionTime } from '../api/conditions.js'
import { asObject, type KubeObject, type Obj } from '../api/types.js'
import { imageId, type ContainerRuntime, type Termination } from './container-runtime.js'

/** What the pod status is computed from. */
export interface PodStatusInput {
  pod: KubeObject
  initContainers: readonly ContainerRuntime[]
  containers: readonly ContainerRuntime[]
  hostIP: string
  podIP: string
  startTime: string
  now: string
}

const RUNNING = new Set(['running', 'unhealthy', 'killing'])

/** Returns true when an init container has completed successfully. */
export function initSucceeded(c: ContainerRuntime): boolean {
  return c.phase === 'exited' && c.current?.exitCode === 0
}

/** Returns the pod's restartPolicy (`Always` when unset). */
export function restartPolicy(pod: KubeObject): string {
  const spec = asObject(pod.spec)
  return typeof spec.restartPolicy === 'string' ? spec.restartPolicy : 'Always'
}

/** Returns true when the restart policy restarts a container that exited with `code`. */
export function restartsAfter(pod: KubeObject, c: ContainerRuntime, code: number): boolean {
  const policy = restartPolicy(pod)
  // Init containers that succeeded are done for good; failed ones follow the policy like OnFailure.
  if (c.init) return code !== 0 && policy !== 'Never'
  return policy === 'Always' || (policy === 'OnFailure' && code !== 0)
}

/**
 * Returns the pod phase as the 1.11 kubelet computes it (kubelet_pods.go getPhase): Pending until
 * the init containers succeed and no app container is still waiting for its first start; then
 * Running, or Succeeded/Failed once every container stopped for good.
 */
export function podPhase(
  pod: KubeObject,
  init: readonly ContainerRuntime[],
  containers: readonly ContainerRuntime[]
): string {
  const policy = restartPolicy(pod)
  if (!init.every(initSucceeded)) {
    const failed = init.some(
      (c) =>
        c.phase === 'exited' &&
        c.current?.exitCode !== 0 &&
        !restartsAfter(pod, c, c.current!.exitCode)
    )
    return failed ? 'Failed' : 'Pending'
  }
  // Counted from the container statuses as getPhase does: a waiting container with a previous
  // termination is stopped (restarting), not waiting for its first start.
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const c of containers) {
    const { state, lastState } = containerState(c)
    if (state.running) running++
    else if (state.terminated) {
      stopped++
      if (asObject(state.terminated).exitCode === 0) succeeded++
    } else if (lastState.terminated) stopped++
    else waiting++
  }
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    return policy === 'OnFailure' ? 'Running' : 'Failed'
  }
  return 'Pending'
}

/**
 * Returns a container's `state` and `lastState` as the 1.11 kubelet reports them
 * (convertToAPIContainerStatuses): an ended instance that is to be restarted keeps its
 * `terminated` state until the new instance exists, unless a start failed with a reason (the
 * kubelet's reason cache, here `c.waiting`: CrashLoopBackOff, ErrImagePull, …); then it is
 * `waiting` with that reason and `lastState` holds the latest termination.
 */
export function containerState(c: ContainerRuntime): { state: Obj; lastState: Obj } {
  const terminated = (t: Termination | undefined): Obj => (t ? { terminated: { ...t } } : {})
  if (RUNNING.has(c.phase))
    return { state: { running: { startedAt: c.startedAt } }, lastState: terminated(c.last) }
  if (c.current && (c.phase === 'exited' || c.phase === 'killed' || !c.waiting))
    return { state: terminated(c.current), lastState: terminated(c.last) }
  return {
    state: { waiting: { ...(c.waiting ?? { reason: 'ContainerCreating' }) } },
    lastState: terminated(c.current ?? c.last),
  }
}

/** Returns a container's status (v1.ContainerStatus) as the kubelet reports it. */
export function containerStatus(c: ContainerRuntime): Obj {
  return {
    name: c.name,
    ...containerState(c),
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: c.instances > 0 ? imageId(c.image) : '',
    ...(c.containerID ? { containerID: c.containerID } : {}),
  }
}

/**
 * Returns the pod status the kubelet writes: phase, the Initialized/Ready/ContainersReady
 * conditions (PodScheduled kept from the scheduler), IPs, start time and container statuses.
 * A condition keeps its lastTransitionTime while its status does not change.
 */
export function buildPodStatus(input: PodStatusInput): Obj {
  const { pod, initContainers: init, containers, now } = input
  const phase = podPhase(pod, init, containers)
  const old = conditionsOf(pod)
  const cond = (type: string, status: string, reason?: string, message?: string): Obj => {
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: transitionTime(findCondition(old, type), status, now),
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    }
  }
  const pending = init.filter((c) => !initSucceeded(c)).map((c) => c.name)
  const unready = containers.filter((c) => !c.ready).map((c) => c.name)
  const completed = phase === 'Succeeded'
  const initialized = completed
    ? cond('Initialized', 'True', 'PodCompleted')
    : pending.length === 0
      ? cond('Initialized', 'True')
      : cond(
          'Initialized',
          'False',
          'ContainersNotInitialized',
          `containers with incomplete status: [${pending.join(' ')}]`
        )
  const readiness = (type: string) =>
    completed
      ? cond(type, 'False', 'PodCompleted')
      : unready.length === 0
        ? cond(type, 'True')
        : cond(
            type,
            'False',
            'ContainersNotReady',
            `containers with unready status: [${unready.join(' ')}]`
          )
  const scheduled = findCondition(old, 'PodScheduled') ?? cond('PodScheduled', 'True')
  return {
    phase,
    conditions: [initialized, readiness('Ready'), readiness('ContainersReady'), scheduled],
    hostIP: input.hostIP,
    podIP: input.podIP,
    startTime: input.startTime,
    ...(init.length > 0 ? { initContainerStatuses: init.map(containerStatus) } : {}),
    containerStatuses: containers.map(containerStatus),
  }
}
