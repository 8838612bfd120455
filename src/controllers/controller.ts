import { isStatusError } from '../api/errors.js'
import type { EventRecorder, Informer, KubeClient } from '../client/index.js'
import type { Clock } from '../util/index.js'
import type { ControllerLog } from './controller-log.js'
import type { InformerFactory } from './informer-factory.js'
import { errorMessage } from './object-util.js'
import { WorkQueue, type WorkQueueOptions } from './work-queue.js'
import { yieldToLoop } from './yield-to-loop.js'
import type { KubeObject } from '../api/types.js'

/** A controller: informers feed a work queue whose keys `reconcile` brings to the desired state. */
export interface Controller {
  readonly name: string
  /** Starts the informers and workers; resolves once the caches have synced. */
  start(signal: AbortSignal): Promise<void>
  /** Stops the workers and the queue. */
  stop(): void
}

/** What every controller is built from (shared by all controllers of one manager). */
export interface ControllerEnv {
  client: KubeClient
  clock: Clock
  informers: InformerFactory
  /** Returns the event recorder of a component (`deployment-controller`), one per component. */
  recorders: (component: string) => EventRecorder
  log: ControllerLog
  /** Returns n random characters of the `bcdfghjklmnpqrstvwxz2456789` alphabet (generated names). */
  suffix: (n: number, key?: string) => string
  /** Concurrent reconciles per controller (default 4); one key is never reconciled twice at once. */
  workers?: number
  queue?: WorkQueueOptions
}

/** What one controller's reconcile uses: the shared environment and its own event recorder. */
export interface ControllerContext extends ControllerEnv {
  recorder: EventRecorder
}

/** Returns the context of a controller whose events carry `source.component: component`. */
export function contextFor(env: ControllerEnv, component: string): ControllerContext {
  return { ...env, recorder: env.recorders(component) }
}

/**
 * What a reconcile returns: nothing, or a delay after which the key must be looked at again,
 * and/or the real ms it spent on its own work (`costMs`: its reads of the caches, not its waits
 * for the API), which is what a cool-down counts (default: its whole duration).
 */
export type ReconcileResult = { requeueAfterMs?: number; costMs?: number } | undefined

/** Options of a QueueController. */
export interface QueueControllerOptions {
  /**
   * Real ms above which a reconcile makes its key wait as long again before the next one
   * (WorkQueue.coolDown): an owner of thousands of pods then costs a bounded share of the loop.
   */
  coolDownAboveMs?: number
}

/**
 * A controller over a work queue. Reconcile reads what it needs through the client, so it is
 * idempotent and keeps no per-event state; a failure is retried with back-off.
 */
export class QueueController implements Controller {
  readonly name: string
  readonly queue: WorkQueue
  private ctx: ControllerContext
  private informers: Informer<KubeObject>[]
  private reconcile: (key: string) => Promise<ReconcileResult>
  private abort = new AbortController()
  private coolDownAboveMs: number | undefined

  constructor(
    name: string,
    ctx: ControllerContext,
    informers: Informer<KubeObject>[],
    reconcile: (key: string) => Promise<ReconcileResult>,
    opts: QueueControllerOptions = {}
  ) {
    this.coolDownAboveMs = opts.coolDownAboveMs
    this.name = name
    this.ctx = ctx
    this.informers = informers
    this.reconcile = reconcile
    this.queue = new WorkQueue(ctx.clock, ctx.queue)
  }

  /** Starts the informers, waits for them to sync, then starts the workers. */
  async start(signal: AbortSignal): Promise<void> {
    const stop = () => this.stop()
    if (signal.aborted) return stop()
    signal.addEventListener('abort', stop, { once: true })
    await Promise.all(this.informers.map((i) => this.ctx.informers.start(i, signal)))
    if (this.abort.signal.aborted) return
    this.ctx.log.info('Start controller', { name: this.name })
    for (let i = 0; i < (this.ctx.workers ?? 4); i++) void this.work()
  }

  /** Stops the queue; workers exit after their current key. */
  stop(): void {
    this.abort.abort()
    this.queue.shutDown()
  }

  private async work(): Promise<void> {
    for (;;) {
      // One reconcile per turn of the event loop: the API server answers its clients in between.
      await yieldToLoop()
      const key = await this.queue.get()
      if (key === undefined) return
      const started = performance.now()
      let cost: number | undefined
      try {
        const r = await this.reconcile(key)
        cost = r?.costMs
        this.queue.forget(key)
        if (r?.requeueAfterMs !== undefined && r.requeueAfterMs >= 0)
          this.queue.addAfter(key, r.requeueAfterMs)
      } catch (err) {
        // Conflicts are routine (another writer was first): the retry reads the latest version.
        const fields = { controller: this.name, key, err: errorMessage(err) }
        if (isStatusError(err, 'Conflict')) this.ctx.log.info('reconcile conflicted', fields)
        else this.ctx.log.error('reconcile failed', fields)
        this.queue.addRateLimited(key)
      } finally {
        // A reconcile that took long (thousands of dependents) waits as long before the next one.
        const took = cost ?? performance.now() - started
        if (this.coolDownAboveMs !== undefined && took > this.coolDownAboveMs)
          this.queue.coolDown(key, took)
        this.queue.done(key)
      }
    }
  }
}
