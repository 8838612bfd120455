import type { KubeObject } from '../api/types.js'
import type { Informer, InformerHandler } from '../client/index.js'
import { controllerOf, keyOf, selectorOf } from './object-util.js'
import type { WorkQueue } from './work-queue.js'
import type { Workload } from './workload-types.js'

/** Returns handlers that queue an object's own key on every change. */
export function enqueueSelf<T extends KubeObject>(queue: WorkQueue): InformerHandler<T> {
  return {
    add: (o) => queue.add(keyOf(o)),
    update: (_old, o) => queue.add(keyOf(o)),
    delete: (o) => queue.add(keyOf(o)),
  }
}

/**
 * Returns handlers that queue the controller (of `kind`) of a changed dependent; for an orphan,
 * every owner in `owners` whose selector matches it (so that it can be adopted).
 */
export function enqueueOwner<T extends KubeObject>(
  queue: WorkQueue,
  kind: string,
  owners?: Informer<Workload>
): InformerHandler<T> {
  const ownerKey = (o: KubeObject) => {
    const ref = controllerOf(o)
    if (ref) {
      if (ref.kind === kind)
        queue.add(o.metadata.namespace ? `${o.metadata.namespace}/${ref.name}` : ref.name)
      return
    }
    if (!owners || o.metadata.deletionTimestamp) return
    for (const w of owners.list(o.metadata.namespace ?? '')) {
      if (selectorOf(w.spec?.selector).matches(o.metadata.labels)) queue.add(keyOf(w))
    }
  }
  return {
    add: ownerKey,
    update: (old, o) => {
      if (controllerOf(old)?.uid !== controllerOf(o)?.uid) ownerKey(old)
      ownerKey(o)
    },
    delete: ownerKey,
  }
}
