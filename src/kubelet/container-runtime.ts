import { createHash } from 'node:crypto'
import type { ImageBehaviour } from './image-behaviours.js'

/**
 * Where a simulated container is in its life. The stage table (`stages.ts`) moves containers
 * between these; the pod status is derived from them (`pod-status.ts`).
 */
export type ContainerPhase =
  /** Not started yet, or about to be started again. */
  | 'waiting'
  | 'pulling'
  /** The pull failed (ErrImagePull). */
  | 'pull-failed'
  /** Waiting to pull again (ImagePullBackOff). */
  | 'pull-backoff'
  /** `imagePullPolicy: Never` and the image is not on the node (ErrImageNeverPull). */
  | 'never-pull'
  | 'pulled'
  | 'created'
  | 'running'
  /** Failed its liveness probe; being killed. */
  | 'unhealthy'
  /** Ended (on its own or killed) and not restarted yet. */
  | 'exited'
  /** Waiting out the restart back-off (CrashLoopBackOff). */
  | 'crash-backoff'
  /** Stopping because its pod is being deleted. */
  | 'killing'
  /** Gone for good: its pod is being deleted. */
  | 'killed'

/** The end of one container instance (`state.terminated`). */
export interface Termination {
  exitCode: number
  reason: string
  startedAt: string
  finishedAt: string
  containerID: string
}

/** What the simulated container runtime knows about one container of a pod. */
export interface ContainerRuntime {
  name: string
  /** An init container (runs to completion, in order, before the others). */
  init: boolean
  spec: Record<string, unknown>
  image: string
  behaviour: ImageBehaviour
  phase: ContainerPhase
  /** `state.waiting` while not running. */
  waiting?: { reason: string; message?: string }
  /** Instances created so far (restartCount is this minus one). */
  instances: number
  restartCount: number
  containerID?: string
  startedAt?: string
  /** The end of the current instance, while it is exited. */
  current?: Termination
  finishedAtMs?: number
  /** The end of the previous instance (`lastState.terminated`). */
  last?: Termination
  ready: boolean
  /** Cancels the pending stage timer. */
  cancelStage?: () => void
  /** Cancels probe and poll loops of the running instance. */
  cancelLoops: (() => void)[]
}

/** Returns a docker-like container ID (`docker://<64 hex>`), stable for a pod, container and instance. */
export function containerId(podUid: string, name: string, instance: number): string {
  return `docker://${createHash('sha256').update(`${podUid}/${name}/${instance}`).digest('hex')}`
}

/** Returns the imageID docker reports for an image (`docker-pullable://repo@sha256:…`). */
export function imageId(image: string): string {
  return `docker-pullable://${imageRepository(image)}@sha256:${createHash('sha256').update(image).digest('hex')}`
}

/** Returns an image reference without its tag or digest (`nginx:1.15` → `nginx`). */
export function imageRepository(image: string): string {
  const at = image.indexOf('@')
  if (at >= 0) return image.slice(0, at)
  const colon = image.lastIndexOf(':')
  return colon > image.lastIndexOf('/') ? image.slice(0, colon) : image
}
