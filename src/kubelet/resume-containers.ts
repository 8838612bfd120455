import { asObject, isObject, type KubeObject, type Obj } from '../api/types.js'
import type { ContainerRuntime, Termination } from './container-runtime.js'

/**
 * Sets a pod's container records from the status a kubelet wrote before (a lab restored from a
 * snapshot: the containers went on running while no kubelet watched): running containers stay
 * running with their start time, ID, readiness and restart count; ended ones stay ended; those
 * backing off wait again. Images of containers that ran are on the node. Returns the containers
 * found running, whose probes and loops the pod worker starts again.
 */
export function resumeContainers(
  pod: KubeObject,
  runtimes: readonly ContainerRuntime[],
  images: Set<string>
): ContainerRuntime[] {
  const status = asObject(pod.status)
  const known = [
    ...(Array.isArray(status.initContainerStatuses) ? status.initContainerStatuses : []),
    ...(Array.isArray(status.containerStatuses) ? status.containerStatuses : []),
  ].filter(isObject)
  const running: ContainerRuntime[] = []
  for (const c of runtimes) {
    const s = known.find((k) => k.name === c.name)
    if (!s || !isObject(s.state)) continue
    const state = s.state
    const last = termination(isObject(s.lastState) ? s.lastState.terminated : undefined)
    c.restartCount = Number(s.restartCount ?? 0)
    if (typeof s.containerID === 'string' && s.containerID) c.containerID = s.containerID
    if (last) c.last = last
    if (isObject(state.running)) {
      c.phase = 'running'
      c.waiting = undefined
      c.startedAt = String(state.running.startedAt ?? '')
      c.ready = s.ready === true
      running.push(c)
    } else if (termination(state.terminated)) {
      c.phase = 'exited'
      c.current = termination(state.terminated)
      c.finishedAtMs = Date.parse(c.current!.finishedAt)
      c.ready = c.init && c.current!.exitCode === 0
    } else if (isObject(state.waiting) && c.containerID) {
      // Between two instances: CrashLoopBackOff or an image back-off; the last end is the current one.
      const reason = String(state.waiting.reason ?? '')
      c.phase = /BackOff|ErrImage/.test(reason) ? 'pull-backoff' : 'waiting'
      if (reason === 'CrashLoopBackOff') c.phase = 'crash-backoff'
      c.waiting = {
        reason,
        ...(typeof state.waiting.message === 'string' ? { message: state.waiting.message } : {}),
      }
      if (last) c.current = last
    } else continue
    c.instances = c.containerID ? c.restartCount + 1 : 0
    if (c.instances > 0) images.add(c.image)
  }
  return running
}

function termination(t: unknown): Termination | undefined {
  if (!isObject(t)) return undefined
  const o = t as Obj
  return {
    exitCode: Number(o.exitCode ?? 0),
    reason: String(o.reason ?? ''),
    startedAt: String(o.startedAt ?? ''),
    finishedAt: String(o.finishedAt ?? ''),
    containerID: String(o.containerID ?? ''),
  }
}
