import { isStatusError } from '../api/errors.js'
import { objectKey, type KubeObject } from '../api/types.js'
import type { Informer } from '../client/index.js'
import { isNotFound } from './object-util.js'

/** Returns a resourceVersion as a number (the lab's are integers); NaN when it is not one. */
function rvOf(o: KubeObject): number {
  return Number(o.metadata.resourceVersion ?? NaN)
}

/**
 * An informer's cache plus the objects this controller wrote that the informer has not delivered
 * yet (client-go's IntegerResourceVersionMutationCache): a controller that reads its own writes
 * back from a lagging cache would otherwise skip a change it still has to make, or write a
 * stale copy that conflicts. A written object is forgotten once the informer delivers that
 * version or a later one, or the object's deletion. The objects are shared: never change one.
 */
export class MutationCache<T extends KubeObject> {
  readonly informer: Informer<T>
  private written = new Map<string, T>()

  constructor(informer: Informer<T>) {
    this.informer = informer
    const seen = (o: T) => {
      const mine = this.written.get(objectKey(o))
      if (mine && !(rvOf(o) < rvOf(mine))) this.written.delete(objectKey(o))
    }
    informer.on({
      add: seen,
      update: (_old, o) => seen(o),
      delete: (o) => this.written.delete(objectKey(o)),
    })
  }

  /** Records an object as the server answered a write of it (create or update). */
  mutated(obj: T): void {
    const key = objectKey(obj)
    const cached = this.informer.get(key)
    if (cached && !(rvOf(cached) < rvOf(obj))) return
    this.written.set(key, obj)
  }

  /** Forgets what was written of `key` (a conflict showed a newer version exists). */
  forget(key: string): void {
    this.written.delete(key)
  }

  /** Returns the newest known object of a key (`namespace/name` or `name`). */
  get(key: string): T | undefined {
    const cached = this.informer.get(key)
    const mine = this.written.get(key)
    if (!mine) return cached
    if (cached && !(rvOf(cached) < rvOf(mine))) {
      this.written.delete(key)
      return cached
    }
    return mine
  }

  /** Returns the newest known objects, optionally of one namespace. */
  list(namespace?: string): T[] {
    const out = this.informer.list(namespace).map((o) => this.get(objectKey(o)) ?? o)
    for (const [key, o] of this.written)
      if (
        !this.informer.get(key) &&
        (namespace === undefined || (o.metadata.namespace ?? '') === namespace)
      )
        out.push(o)
    return out
  }
}

/**
 * Sends a write of the object `key` and records the server's answer in `cache`; a Conflict or
 * NotFound (the cached copy was behind) makes the cache forget its own write of `key`, so the
 * retry reads what the informer has by then. Without a cache it only sends the write.
 */
export async function writeThrough<T extends KubeObject>(
  cache: MutationCache<T> | undefined,
  key: string,
  write: () => Promise<T>
): Promise<T> {
  try {
    const written = await write()
    cache?.mutated(written)
    return written
  } catch (err) {
    if (isStatusError(err, 'Conflict') || isNotFound(err)) cache?.forget(key)
    throw err
  }
}
