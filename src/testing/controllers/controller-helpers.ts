import type { KubeObject } from '../../api/types.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { startTestCluster as startSimTestCluster } from '../apiserver/index.js'
import type { KubeClient } from '../../client/index.js'
import { scaledClock } from '../../util/index.js'
import { isStatusError } from '../../api/errors.js'
import {
  startControllers,
  type ControllerName,
  type StartedControllers,
} from '../../controllers/start-controllers.js'
import { Refs } from '../../client/index.js'
import type { Pod } from '../../controllers/workload-types.js'

/** A sim cluster with controllers running, for integration tests. */
export interface TestCluster {
  cluster: StartedSimCluster
  /** An admin client (user agent `test`). */
  client: KubeClient
  controllers: StartedControllers
  /** Errors the controllers logged. */
  errors: string[]
  stop(): Promise<void>
}

/** Starts a sim cluster (1.11.1 unless told) and the chosen controllers. */
export async function startTestCluster(
  o: { kubernetesVersion?: string; controllers?: ControllerName[] } = {}
): Promise<TestCluster> {
  const cluster = await startSimTestCluster(
    o.kubernetesVersion ? { kubernetesVersion: o.kubernetesVersion } : {}
  )
  const log = {
    info: () => undefined,
    error: (msg: string, f?: Record<string, unknown>) => errors.push(`${msg} ${JSON.stringify(f)}`),
  }
  const errors: string[] = []
  const controllers = startControllers(
    cluster.client('kube-controller-manager'),
    scaledClock(0.1),
    {
      log,
      ...(o.controllers ? { controllers: o.controllers } : {}),
    }
  )
  await controllers.ready
  return {
    cluster,
    client: cluster.client('test'),
    controllers,
    errors,
    async stop() {
      await controllers.stop()
      await cluster.stop()
    },
  }
}

/** Polls `fn` until it returns a truthy value (errors count as not yet); throws after the timeout. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 4000
): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
    } catch (err) {
      last = err
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

let ipSeq = 10

/** Writes what a kubelet would for a pod: Running and Ready (or not ready), with a pod IP. */
export async function markPod(
  client: KubeClient,
  pod: Pod,
  o: { ready?: boolean; phase?: string; ip?: string } = {}
): Promise<Pod> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const ready = o.ready ?? true
  const phase = o.phase ?? 'Running'
  const status = ready && phase === 'Running' ? 'True' : 'False'
  for (;;) {
    const live = await client.get<Pod>(Refs.pods, pod.metadata.name ?? '', pod.metadata.namespace)
    const containers = live.spec?.containers ?? []
    const terminated = phase === 'Succeeded' || phase === 'Failed'
    const next: Pod = {
      ...live,
      status: {
        ...live.status,
        phase,
        podIP: o.ip ?? live.status?.podIP ?? `10.244.0.${ipSeq++ % 250}`,
        hostIP: '127.0.10.1',
        conditions: [
          { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
          { type: 'Ready', status, lastProbeTime: null, lastTransitionTime: now },
          { type: 'ContainersReady', status, lastProbeTime: null, lastTransitionTime: now },
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        ],
        containerStatuses: containers.map((c) => ({
          name: c.name,
          ready: ready && !terminated,
          restartCount: 0,
          image: c.image,
          state: (terminated
            ? {
                terminated: {
                  exitCode: phase === 'Failed' ? 1 : 0,
                  reason: phase === 'Failed' ? 'Error' : 'Completed',
                  finishedAt: now,
                },
              }
            : { running: { startedAt: now } }) as unknown as Record<
            string,
            { finishedAt?: string }
          >,
        })),
      },
    }
    try {
      return await client.update<Pod>(Refs.pods, next, { subresource: 'status' })
    } catch (err) {
      if (!isStatusError(err, 'Conflict')) throw err
    }
  }
}

/** Marks every pod of a namespace that matches a label selector (and is not marked yet) with `markPod`. */
export async function markPods(
  client: KubeClient,
  namespace: string,
  labelSelector: string,
  o: { ready?: boolean; phase?: string } = {}
): Promise<Pod[]> {
  const pods = (await client.list<Pod>(Refs.pods, { namespace, labelSelector })).items
  const out: Pod[] = []
  for (const p of pods) if (!p.metadata.deletionTimestamp) out.push(await markPod(client, p, o))
  return out
}

/** Lists objects of a resource in a namespace. */
export async function listIn<T extends KubeObject>(
  client: KubeClient,
  ref: (typeof Refs)[keyof typeof Refs],
  namespace: string,
  labelSelector?: string
): Promise<T[]> {
  return (await client.list<T>(ref, { namespace, ...(labelSelector ? { labelSelector } : {}) }))
    .items
}

/** Creates a namespace. */
export async function createNamespace(client: KubeClient, name: string): Promise<void> {
  await client.create(Refs.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
}
