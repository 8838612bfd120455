import type { KubeClient } from '../client/index.js'
import type { Clock } from '../util/index.js'
import type { Backoff } from './backoff.js'
import type { EventRecorder } from '../client/index.js'
import type { ImageBehaviourRegistry } from './image-behaviours.js'
import type { MemoryLogStore } from './log-store.js'
import type { PodIpAllocator } from './pod-ip-allocator.js'
import type { SerialPuller } from './serial-puller.js'
import type { ContainerStage } from './stages.js'
import type { ContainerExecRuntime } from './shell/index.js'

/** What one kubelet shares with the workers of its pods. */
export interface KubeletContext {
  client: KubeClient
  clock: Clock
  nodeName: string
  /** The node's InternalIP (hostIP, and the IP of hostNetwork pods). */
  nodeIP: string
  recorder: EventRecorder
  logs: MemoryLogStore
  behaviours: ImageBehaviourRegistry
  /** Image globs the scenario marks missing from their registries. */
  missingImages: readonly string[]
  /** Images present on the node. */
  images: Set<string>
  restartBackoff: Backoff
  imageBackoff: Backoff
  ips: PodIpAllocator
  /** The node's serial image puller; absent, pulls run in parallel (`--serialize-image-pulls=false`). */
  puller?: SerialPuller
  stages: readonly ContainerStage[]
  /** The lab's exec runtime: running pods register with it (exec, attach, port-forward). */
  exec?: ContainerExecRuntime
  onError(err: unknown): void
  /** Pods' containers resume from the status found (a lab restored from a snapshot). */
  resume?: boolean
}
