import type { KubeObject } from '../api/types.js'
import type { Clock } from '../util/index.js'
import { Informer, type InformerOptions } from './informer.js'
import type { KubeClient, ListOptions, ResourceRef } from './kube-client.js'

/** Callbacks of a started informer; each sees the object after the change (the old one on delete). */
export interface InformerHandlers<T extends KubeObject = KubeObject> {
  onAdd?(obj: T): void
  onUpdate?(old: T, obj: T): void
  onDelete?(obj: T): void
}

/** Options of a started informer: the selection, the pause after a failure, and where failures go. */
export interface StartInformerOptions extends ListOptions {
  /** Simulated ms to wait before listing again after a failed list or watch (default 1000). */
  retryMs?: number
  onError?: (err: unknown) => void
}

/** A running informer: a local cache of the selected objects kept current by a watch. */
export interface RunningInformer<T extends KubeObject = KubeObject> {
  /** The cached objects by `namespace/name` (or `name`). */
  readonly items: ReadonlyMap<string, T>
  /** Resolves once the first list is in the cache and its handlers ran (or it was stopped). */
  readonly synced: Promise<void>
  stop(): void
}

/**
 * Starts an Informer until `stop()`: the component-side form (the kubelet, the scheduler, the
 * node controller, the apps) with a fixed pause of `retryMs` after a failure, as 1.11's
 * reflector waits its one-second period before listing again.
 */
export function startInformer<T extends KubeObject = KubeObject>(
  client: KubeClient,
  clock: Clock,
  ref: ResourceRef,
  opts: StartInformerOptions,
  handlers: InformerHandlers<T>
): RunningInformer<T> {
  const { retryMs = 1000, onError, namespace, labelSelector, fieldSelector } = opts
  const options: InformerOptions = {
    retryMs,
    ...(onError ? { onError } : {}),
    ...(namespace ? { namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    ...(fieldSelector ? { fieldSelector } : {}),
  }
  const informer = new Informer<T>(client, ref, clock, options).on({
    ...(handlers.onAdd ? { add: (o: T) => handlers.onAdd?.(o) } : {}),
    ...(handlers.onUpdate ? { update: (old: T, o: T) => handlers.onUpdate?.(old, o) } : {}),
    ...(handlers.onDelete ? { delete: (o: T) => handlers.onDelete?.(o) } : {}),
  })
  const abort = new AbortController()
  return {
    items: informer.items,
    synced: informer.start(abort.signal),
    stop: () => abort.abort(),
  }
}
