// A pod's READY, STATUS and RESTARTS as `kubectl get pods` computes them (kubectl's printPod), and
// the workload that owns it.
import type { ContainerStatus, Pod } from './kube-types.js'

/** Ready and total containers of a pod. */
export interface ReadyCount {
  ready: number
  total: number
}

/** Returns `ready/total` (`2/2`). */
export function formatReady(count: ReadyCount): string {
  return `${count.ready}/${count.total}`
}

/** Returns the counts of a `ready/total` string, or undefined when it is not one. */
export function parseReady(text: string): ReadyCount | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text)
  return m ? { ready: Number(m[1]), total: Number(m[2]) } : undefined
}

/**
 * Returns the READY column: containers of the pod spec (plus restartable init containers, the
 * "sidecars" of Kubernetes 1.28+) over those whose status says ready. Init containers that run to
 * completion, istio-init among them, are not counted.
 */
export function podReady(pod: Pod): ReadyCount {
  const restartable = restartableInitNames(pod)
  let ready = 0
  for (const s of pod.status?.initContainerStatuses ?? []) {
    if (restartable.has(s.name) && s.started && s.ready) ready++
  }
  for (const s of pod.status?.containerStatuses ?? []) {
    if (s.ready && s.state?.running) ready++
  }
  return { ready, total: (pod.spec?.containers.length ?? 0) + restartable.size }
}

/** Returns the RESTARTS column without its "(… ago)" suffix: restarts of the pod's containers. */
export function podRestarts(pod: Pod): number {
  const restartable = restartableInitNames(pod)
  const init = pod.status?.initContainerStatuses ?? []
  const sum = (list: ContainerStatus[]) => list.reduce((n, s) => n + s.restartCount, 0)
  if (initializing(pod)) return sum(init)
  return sum(init.filter((s) => restartable.has(s.name))) + sum(pod.status?.containerStatuses ?? [])
}

/** Returns the STATUS column (`Running`, `Completed`, `Init:0/1`, `CrashLoopBackOff`, `Terminating`…). */
export function podStatus(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || 'Unknown'
  const init = initReason(pod)
  if (init !== undefined) reason = init
  else {
    let hasRunning = false
    for (const s of [...(pod.status?.containerStatuses ?? [])].reverse()) {
      const t = s.state?.terminated
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason
      else if (t?.reason) reason = t.reason
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`
      else if (s.ready && s.state?.running) hasRunning = true
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
      reason = ready ? 'Running' : 'NotReady'
    }
  }
  if (pod.metadata?.deletionTimestamp) {
    return pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating'
  }
  return reason
}

/**
 * Returns the workload that owns a pod: `{ kind: 'Deployment', name }` for a pod of a
 * Deployment's ReplicaSet (the ReplicaSet's name less its `-<pod-template-hash>`), the owner
 * itself otherwise, `{ kind: 'Pod', name }` for a bare pod.
 */
export function podOwner(pod: Pod): { kind: string; name: string } {
  const refs = pod.metadata?.ownerReferences ?? []
  const ref = refs.find((r) => r.controller) ?? refs[0]
  if (!ref) return { kind: 'Pod', name: pod.metadata?.name ?? '' }
  const hash = pod.metadata?.labels?.['pod-template-hash']
  if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1) }
  }
  return { kind: ref.kind, name: ref.name }
}

function restartableInitNames(pod: Pod): Set<string> {
  return new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name)
  )
}

function initializing(pod: Pod): boolean {
  return initReason(pod) !== undefined
}

// The first init container that has not finished decides the status, as in kubectl.
function initReason(pod: Pod): string | undefined {
  const restartable = restartableInitNames(pod)
  const statuses = pod.status?.initContainerStatuses ?? []
  const initialized = pod.status?.conditions?.some(
    (c) => c.type === 'Initialized' && c.status === 'True'
  )
  for (const [i, s] of statuses.entries()) {
    const t = s.state?.terminated
    if (t && t.exitCode === 0) continue
    if (restartable.has(s.name) && s.started) continue
    if (initialized) return undefined
    if (t) {
      if (t.reason) return `Init:${t.reason}`
      return t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`
    }
    const waiting = s.state?.waiting?.reason
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`
    return `Init:${i}/${pod.spec?.initContainers?.length ?? statuses.length}`
  }
  return undefined
}
