import type { KubeObject } from '../../api/types.js'
import type { MemoryStore } from './memory-store.js'

/** A store's whole contents: every object by storage, and the resourceVersion counter. */
export interface StoreDump {
  /** The counter: the resourceVersion of the last write. */
  rv: number
  /** `[storage, object]` pairs; each object keeps its own resourceVersion and UID. */
  objects: [string, KubeObject][]
}

/** Returns a copy-free view of the store's contents (the objects are the stored ones: read only). */
export function dumpStore(store: MemoryStore): StoreDump {
  return { rv: store.currentRv(), objects: [...store.entries()] as [string, KubeObject][] }
}

/**
 * Replaces the store's contents with a dump. Throws, leaving the store as it was, when an object
 * has no name or a resourceVersion newer than the dump's counter (a dump that was not whole).
 */
export function loadStore(store: MemoryStore, dump: StoreDump): void {
  if (!Number.isInteger(dump.rv) || dump.rv < 1)
    throw new Error(
      `failed to load the store: resourceVersion counter ${dump.rv} is not a positive integer`
    )
  dump.objects.forEach(([storage, o], i) => {
    const where = `object ${i} (${storage} ${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''})`
    if (typeof storage !== 'string' || !storage || !o?.metadata?.name)
      throw new Error(`failed to load the store: ${where} has no storage or name`)
    const rv = Number(o.metadata.resourceVersion)
    if (!Number.isInteger(rv) || rv > dump.rv)
      throw new Error(
        `failed to load the store: ${where} has resourceVersion ${o.metadata.resourceVersion}, beyond the counter ${dump.rv}`
      )
  })
  store.load(dump.objects, dump.rv)
}
