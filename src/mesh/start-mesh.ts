import type { KubeClient } from '../client/index.js'
import { scaledClock, type Clock, type KeyPair } from '../util/index.js'
import { Citadel, CitadelController } from './citadel/index.js'
import { ConfigWarner } from './config-warner.js'
import { MeshHooks, type ProxyMeter } from './mesh-hooks.js'
import { MeshWatcher } from './mesh-watcher.js'
import type { ReportBus } from './report.js'

/** What the mesh is started with. */
export interface MeshOptions {
  /** The mesh's API client (Pilot's informers). */
  client: KubeClient
  /** The lab's clock (informer retries). */
  clock: Clock
  /** The data plane's clock: wall-clock by default (a 7 s fault delay takes 7 s). */
  dataClock?: Clock
  bus: ReportBus
  logs?: {
    append(namespace: string, pod: string, container: string, lines: readonly string[]): void
  }
  random?: () => number
  /** The kubelets' usage meter (each proxy's requests on its container). */
  meter?: ProxyMeter
  /** The lab's CA: Citadel issues workload certificates from it (no Citadel without it). */
  ca?: KeyPair
  onError?: (err: unknown) => void
}

/** The running mesh: its sidecar hooks (install with `network.setSidecarHooks`) and its watcher. */
export interface StartedMesh {
  hooks: MeshHooks
  watcher: MeshWatcher
  citadel?: Citadel
  /** Resolves once Services, Endpoints and pods have been listed. */
  synced: Promise<void>
  stop(): void
}

/** Starts the mesh: Pilot's informers and one emulated Envoy per injected pod, created on first use. */
export function startMesh(o: MeshOptions): StartedMesh {
  const watcher = new MeshWatcher(o.client, o.clock)
  const synced = watcher.start()
  const hooks = new MeshHooks({
    source: watcher,
    clock: o.dataClock ?? scaledClock(1),
    bus: o.bus,
    ...(o.logs ? { logs: o.logs } : {}),
    ...(o.random ? { random: o.random } : {}),
    ...(o.meter ? { meter: o.meter } : {}),
  })
  const citadel = o.ca ? new Citadel(o.ca) : undefined
  const secrets = citadel ? new CitadelController(o.client, o.clock, citadel, o.onError) : undefined
  secrets?.start()
  const warner = new ConfigWarner(o.client, o.clock, watcher)
  warner.start()
  const stop = () => {
    warner.stop()
    secrets?.stop()
    watcher.stop()
  }
  return { hooks, watcher, synced, stop, ...(citadel ? { citadel } : {}) }
}
