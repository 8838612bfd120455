import type { KubeObject } from '../api/types.js'
import { Informer, type KubeClient, type ResourceRef } from '../client/index.js'
import type { Clock } from '../util/index.js'
import type { ControllerLog } from './controller-log.js'

/**
 * Hands out one shared informer per resource (cluster-wide), so that several controllers
 * watching pods share one watch. Each informer starts with the first `start` call.
 */
export class InformerFactory {
  private client: KubeClient
  private clock: Clock
  private log: ControllerLog | undefined
  private informers = new Map<string, Informer>()
  private started = new Map<string, Promise<void>>()

  constructor(client: KubeClient, clock: Clock, log?: ControllerLog) {
    this.client = client
    this.clock = clock
    this.log = log
  }

  /** Returns the shared informer of a resource. */
  for<T extends KubeObject = KubeObject>(ref: ResourceRef): Informer<T> {
    const key = `${ref.apiVersion}/${ref.resource}`
    let inf = this.informers.get(key)
    if (!inf) {
      inf = new Informer(this.client, ref, this.clock, this.log ? { log: this.log } : {})
      this.informers.set(key, inf)
    }
    return inf as unknown as Informer<T>
  }

  /** Starts an informer once; resolves when it has synced (or the signal aborted). */
  start(inf: Informer<KubeObject>, signal: AbortSignal): Promise<void> {
    const key = `${inf.ref.apiVersion}/${inf.ref.resource}`
    let p = this.started.get(key)
    if (!p) {
      p = inf.start(signal)
      this.started.set(key, p)
    }
    return p
  }
}
