import { asObject, type KubeObject } from '../api/types.js'
import { imageRepository, type ContainerRuntime } from './container-runtime.js'
import { matchesAny } from './glob.js'
import type { KubeletContext } from './kubelet-context.js'
import { initSucceeded, restartsAfter } from './pod-status.js'
import type { DelaySources } from './stage-engine.js'
import type { StageCondition } from './stages.js'
import { goDuration } from './time-format.js'

/** What the stage facts of a container are computed from: its pod and the kubelet. */
export interface PodView {
  ctx: KubeletContext
  pod: KubeObject
  uid: string
  podIP: string
  init: readonly ContainerRuntime[]
}

/** Returns the restart back-off key of a container (the kubelet's `<pod>_<ns>_<uid>_<container>`). */
export function backoffKey(v: PodView, c: ContainerRuntime): string {
  return `${v.pod.metadata.name}_${v.pod.metadata.namespace}_${v.uid}_${c.name}`
}

/** Returns the pod's grace period: deletionGracePeriodSeconds once deleted, else the spec's (30 s). */
export function graceSeconds(pod: KubeObject): number {
  const spec = asObject(pod.spec)
  const g = pod.metadata.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds
  return typeof g === 'number' ? g : 30
}

/** Returns whether a stage condition holds for a container. */
export function stageFact(v: PodView, cond: StageCondition, c: ContainerRuntime): boolean {
  const policy = String(c.spec.imagePullPolicy ?? 'IfNotPresent')
  const present = v.ctx.images.has(c.image)
  switch (cond) {
    case 'my-turn':
      return (c.init ? v.init.slice(0, v.init.indexOf(c)) : v.init).every(initSucceeded)
    case 'needs-pull':
      return policy === 'Always' || (policy !== 'Never' && !present)
    case 'image-on-node':
      return policy !== 'Always' && present
    case 'never-pull-missing':
      return policy === 'Never' && !present
    case 'image-missing':
      return matchesAny(v.ctx.missingImages, c.image)
    case 'exits-on-own':
      return c.behaviour.action === 'exit' || c.behaviour.action === 'crash'
    case 'restarts':
      return c.current !== undefined && restartsAfter(v.pod, c, c.current.exitCode)
    case 'backing-off':
      return v.ctx.restartBackoff.inBackoffSince(backoffKey(v, c), c.finishedAtMs ?? 0)
  }
}

/** Returns the durations the stage delays of a container come from, in simulated ms. */
export function stageDelays(v: PodView, c: ContainerRuntime): DelaySources {
  const now = v.ctx.clock.simMs()
  const restart = v.ctx.restartBackoff.current(backoffKey(v, c))
  return {
    pull: c.behaviour.pullSeconds * 1000,
    run: c.behaviour.runSeconds * 1000,
    stop: Math.min(c.behaviour.stopSeconds, graceSeconds(v.pod)) * 1000,
    'restart-backoff': restart - (now - (c.finishedAtMs ?? now)),
    'image-backoff': v.ctx.imageBackoff.current(`${v.uid}_${c.image}`),
  }
}

/** Returns the values stage messages and behaviour log lines may use (`{{image}}`, `{{podRef}}`, …). */
export function templateValues(v: PodView, c: ContainerRuntime): Record<string, string> {
  const { name = '', namespace = '' } = v.pod.metadata
  return {
    image: c.image,
    container: c.name,
    pod: name,
    namespace,
    node: v.ctx.nodeName,
    podIP: v.podIP,
    podRef: `${name}_${namespace}(${v.uid})`,
    backoff: goDuration(v.ctx.restartBackoff.current(backoffKey(v, c))),
    // What docker 17.03 answers for an image that is not in its registry.
    pullError: `rpc error: code = Unknown desc = Error response from daemon: repository ${imageRepository(c.image)} not found: does not exist or no pull access`,
  }
}
