import { randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { EventRecorder, type KubeClient } from '../client/index.js'
import { nameSuffix, type Clock, type Random } from '../util/index.js'
import type { Controller, ControllerEnv } from './controller.js'
import { silentLog, type ControllerLog } from './controller-log.js'
import { newCrdEstablishedController } from './crd-established-controller.js'
import { newDaemonSetController } from './daemonset-controller.js'
import { newDeploymentController } from './deployment-controller.js'
import { newEndpointsController } from './endpoints-controller.js'
import { newGarbageCollector } from './garbage-collector.js'
import { InformerFactory } from './informer-factory.js'
import { newJobController } from './job-controller.js'
import { newNamespaceController } from './namespace-controller.js'
import { newReplicaSetController } from './replicaset-controller.js'
import { newServiceAccountController } from './serviceaccount-controller.js'
import { newStatefulSetController } from './statefulset-controller.js'
import { newTokenController } from './token-controller.js'
import type { WorkQueueOptions } from './work-queue.js'

/** Options of startControllers. */
export interface ControllersOptions {
  /** Which controllers to run (default: all). */
  controllers?: ControllerName[]
  log?: ControllerLog
  /** The cluster CA written into service account token Secrets (`ca.crt`). */
  rootCaPem?: string
  /** Random name suffixes (`default-token-xxxxx`); inject for reproducible runs. */
  suffix?: (n: number, key?: string) => string
  /** The lab's random source (seeded with `--seed`): name suffixes and token signatures. */
  random?: Random
  /** Concurrent reconciles per controller (default 4). */
  workers?: number
  queue?: WorkQueueOptions
}

/** The controllers of kube-controller-manager the lab emulates, by name. */
export const CONTROLLER_FACTORIES = {
  deployment: (env: ControllerEnv) => newDeploymentController(env),
  replicaset: (env: ControllerEnv) => newReplicaSetController(env),
  statefulset: (env: ControllerEnv) => newStatefulSetController(env),
  daemonset: (env: ControllerEnv) => newDaemonSetController(env),
  job: (env: ControllerEnv) => newJobController(env),
  endpoint: (env: ControllerEnv) => newEndpointsController(env),
  namespace: (env: ControllerEnv) => newNamespaceController(env),
  garbagecollector: (env: ControllerEnv) => newGarbageCollector(env),
  serviceaccount: (env: ControllerEnv) => newServiceAccountController(env),
  'serviceaccount-token': (env: ControllerEnv, o: ControllersOptions) =>
    newTokenController(env, {
      ...(o.rootCaPem ? { rootCaPem: o.rootCaPem } : {}),
      ...(o.random ? { random: o.random.stream('tokens') } : {}),
    }),
  // Runs in the API server (apiextensions), not in kube-controller-manager: never a default.
  'crd-established': (env: ControllerEnv) => newCrdEstablishedController(env),
} satisfies Record<string, (env: ControllerEnv, o: ControllersOptions) => Controller>

/** A controller name, as kube-controller-manager's `--controllers` flag spells it. */
export type ControllerName = keyof typeof CONTROLLER_FACTORIES

/** Running controllers. */
export interface StartedControllers {
  /** Resolves once every controller's caches have synced and its workers run. */
  ready: Promise<void>
  /** Stops every controller and waits for pending event writes. */
  stop(): Promise<void>
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

function randomSuffix(n: number): string {
  return [...randomBytes(n)].map((b) => ALPHANUMS[b % ALPHANUMS.length]).join('')
}

/** Suffixes drawn from `r`, each keyed by what it names when a key is given. */
function keyedSuffix(r: Random): (n: number, key?: string) => string {
  return (n, key) => nameSuffix(key === undefined ? r : r.forKey(key), n)
}

/**
 * Starts the controllers (all, or the chosen ones) over one client, as one kube-controller-manager:
 * shared informers, one event recorder per component.
 */
export function startControllers(
  client: KubeClient,
  clock: Clock,
  opts: ControllersOptions = {}
): StartedControllers {
  const log = opts.log ?? silentLog
  const abort = new AbortController()
  // Every informer and controller listens on this one signal.
  setMaxListeners(0, abort.signal)
  const recorders = new Map<string, EventRecorder>()
  const recorderFor = (component: string) => {
    let r = recorders.get(component)
    if (!r)
      recorders.set(
        component,
        (r = new EventRecorder({ client, clock, source: { component }, log }))
      )
    return r
  }
  const env: ControllerEnv = {
    client,
    clock,
    informers: new InformerFactory(client, clock, log),
    recorders: recorderFor,
    log,
    suffix: opts.suffix ?? (opts.random ? keyedSuffix(opts.random.stream('suffix')) : randomSuffix),
    ...(opts.workers ? { workers: opts.workers } : {}),
    ...(opts.queue ? { queue: opts.queue } : {}),
  }
  const names =
    opts.controllers ??
    (Object.keys(CONTROLLER_FACTORIES) as ControllerName[]).filter((n) => n !== 'crd-established')
  const controllers = names.map((n) => CONTROLLER_FACTORIES[n](env, opts))
  const ready = Promise.all(controllers.map((c) => c.start(abort.signal))).then(() => undefined)
  return {
    ready,
    async stop() {
      abort.abort()
      for (const c of controllers) c.stop()
      await Promise.all([...recorders.values()].map((r) => r.flush()))
    },
  }
}
