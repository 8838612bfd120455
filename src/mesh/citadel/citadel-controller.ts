import { isStatusError } from '../../api/errors.js'
import type { Pod, ServiceAccount } from '../../api/core-types.js'
import type { KubeClient, ResourceRef } from '../../client/index.js'
import { Informer } from '../../client/index.js'
import type { Clock } from '../../util/index.js'
import { nameOf, nsOf } from '../model/mesh-objects.js'
import type { Citadel } from './citadel.js'

const SA: ResourceRef = { apiVersion: 'v1', resource: 'serviceaccounts', namespaced: true }
const PODS: ResourceRef = { apiVersion: 'v1', resource: 'pods', namespaced: true }
const SECRETS: ResourceRef = { apiVersion: 'v1', resource: 'secrets', namespaced: true }

function running(p: Pod): boolean {
  return p.status?.phase === 'Running'
}

/**
 * Citadel's secret controller: while an `istio=citadel` pod runs in istio-system, every
 * ServiceAccount gets its `istio.<sa>` Secret (the istio-certs volume of injected pods).
 * An API client like every component.
 */
export class CitadelController {
  private sas: Informer<ServiceAccount>
  private pods: Informer<Pod>
  private abort = new AbortController()
  private pending = false
  private done = new Set<string>()
  private client: KubeClient
  private citadel: Citadel
  private onError: (err: unknown) => void

  constructor(
    client: KubeClient,
    clock: Clock,
    citadel: Citadel,
    onError: (err: unknown) => void = () => {}
  ) {
    this.client = client
    this.citadel = citadel
    this.onError = onError
    const kick = {
      add: () => this.schedule(),
      update: () => this.schedule(),
      delete: () => this.schedule(),
    }
    this.sas = new Informer<ServiceAccount>(client, SA, clock).on(kick)
    this.pods = new Informer<Pod>(client, PODS, clock, {
      namespace: 'istio-system',
      labelSelector: 'istio=citadel',
    }).on(kick)
  }

  /** Starts watching. */
  start(): void {
    void this.sas.start(this.abort.signal)
    void this.pods.start(this.abort.signal)
  }

  /** Stops watching. */
  stop(): void {
    this.abort.abort()
  }

  private schedule(): void {
    if (this.pending) return
    this.pending = true
    setTimeout(() => {
      this.pending = false
      this.reconcile().catch(this.onError)
    }, 50).unref()
  }

  /** Creates the missing secrets (idempotent). */
  async reconcile(): Promise<void> {
    if (!this.pods.list().some(running)) return
    for (const sa of this.sas.list()) {
      const key = `${nsOf(sa)}/${nameOf(sa)}`
      if (this.done.has(key) || this.abort.signal.aborted) continue
      try {
        await this.client.create(SECRETS, await this.citadel.secretFor(nsOf(sa), nameOf(sa)))
      } catch (err) {
        // Already there (an earlier Citadel, or a restart of this one): nothing to do.
        if (!isStatusError(err, 'AlreadyExists'))
          throw new Error(`failed to create istio.${nameOf(sa)}`, { cause: err })
      }
      this.done.add(key)
    }
  }
}
