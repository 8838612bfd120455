import type { KubeObject } from '../api/types.js'
import type { EventRecorder, KubeClient } from '../client/index.js'
import { deepCopy } from '../api/types.js'
import { controllerRef, errorMessage, isNotFound } from './object-util.js'
import { Refs } from '../client/index.js'
import { yieldToLoop } from './yield-to-loop.js'
import type { Pod, PodTemplateSpec } from './workload-types.js'

/** How a pod made from a template differs from the template. */
export interface NewPodOptions {
  /** A fixed name (StatefulSets); otherwise `generateName: <owner>-`. */
  name?: string
  /** Labels added to the template's. */
  labels?: Record<string, string>
  /** Binds the pod at creation (DaemonSet pods in 1.11). */
  nodeName?: string
  /** Last changes to the pod spec (hostname, volumes). */
  mutate?: (pod: Pod) => void
}

/** Returns the pod a controller creates from a template (controller.GetPodFromTemplate). */
export function podFromTemplate(
  owner: KubeObject,
  template: PodTemplateSpec | undefined,
  o: NewPodOptions = {}
): Pod {
  const t = deepCopy(template ?? {})
  const tm = t.metadata ?? {}
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(o.name ? { name: o.name } : { generateName: `${owner.metadata.name ?? ''}-` }),
      namespace: owner.metadata.namespace ?? '',
      labels: { ...(tm.labels ?? {}), ...(o.labels ?? {}) },
      ...(tm.annotations ? { annotations: tm.annotations } : {}),
      ...(tm.finalizers ? { finalizers: tm.finalizers } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: { ...(t.spec ?? {}), ...(o.nodeName ? { nodeName: o.nodeName } : {}) },
  }
  o.mutate?.(pod)
  return pod
}

/** Creates and deletes a controller's pods and records the Events kube-controller-manager writes. */
export class PodControl {
  private client: KubeClient
  private recorder: EventRecorder

  constructor(client: KubeClient, recorder: EventRecorder) {
    this.client = client
    this.recorder = recorder
  }

  /** Creates a pod for `owner`: `SuccessfulCreate` on success, `FailedCreate` (and a throw) on failure. */
  async create(
    owner: KubeObject,
    template: PodTemplateSpec | undefined,
    o: NewPodOptions = {}
  ): Promise<Pod> {
    try {
      // A pod built here (no caller's mutate) shares nothing with anyone: it is handed over.
      const pod = await this.client.create<Pod>(Refs.pods, podFromTemplate(owner, template, o), {
        handOver: o.mutate === undefined,
      })
      void this.recorder.event(
        owner,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${pod.metadata.name ?? ''}`
      )
      return pod
    } catch (err) {
      void this.recorder.event(
        owner,
        'Warning',
        'FailedCreate',
        `Error creating: ${errorMessage(err)}`
      )
      throw err
    }
  }

  /** Deletes a pod of `owner` (gone already is fine): `SuccessfulDelete`, or `FailedDelete` and a throw. */
  async delete(owner: KubeObject, pod: Pod): Promise<void> {
    const name = pod.metadata.name ?? ''
    try {
      await this.client.delete(
        Refs.pods,
        name,
        pod.metadata.namespace,
        pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}
      )
      void this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`)
    } catch (err) {
      if (isNotFound(err)) return
      void this.recorder.event(
        owner,
        'Warning',
        'FailedDelete',
        `Error deleting: ${errorMessage(err)}`
      )
      throw err
    }
  }
}

/** The most calls of a slowStartBatch batch in flight before the event loop may take a turn. */
const BATCH_SLICE = 4

/**
 * Runs `count` calls in batches of 1, 2, 4, … (controller slowStartBatch), stopping at the first
 * batch with a failure, so a refusing API server sees one failed call rather than hundreds.
 */
export async function slowStartBatch(
  count: number,
  fn: (i: number) => Promise<unknown>
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count
  let successes = 0
  let index = 0
  for (let size = Math.min(remaining, 1); size > 0; size = Math.min(2 * size, remaining)) {
    // Every call of a batch is made, in slices between which the event loop gets its turn: a
    // batch of 256 in-process creations is a chain of promises that would hold it throughout.
    const results: PromiseSettledResult<unknown>[] = []
    for (let done = 0; done < size; done += BATCH_SLICE) {
      if (done > 0) await yieldToLoop()
      const n = Math.min(BATCH_SLICE, size - done)
      results.push(...(await Promise.allSettled(Array.from({ length: n }, () => fn(index++)))))
    }
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    successes += results.filter((r) => r.status === 'fulfilled').length
    if (failed) return { successes, error: failed.reason }
    remaining -= size
  }
  return { successes }
}
