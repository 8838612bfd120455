import type { KubeObject } from '../api/types.js'
import type { Clock } from '../util/index.js'
import type { InformerHandler } from '../client/index.js'
import { controllerOf, keyOf } from './object-util.js'

/** kube-controller-manager's ExpectationsTimeout: expectations older than this are given up on. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000

/** At a small time factor 5 simulated minutes are a few real seconds: wait at least this long (real ms). */
const MIN_REAL_TIMEOUT_MS = 30_000

interface Expectation {
  adds: number
  deletes: Set<string>
  at: number
}

/**
 * The creations and deletions a controller has asked for and not yet seen through its informer
 * (UIDTrackingControllerExpectations): while some are outstanding the informer's view is behind,
 * so the controller does not create or delete again (it would do it twice). Expectations that are
 * not met within ExpectationsTimeout are dropped, as a missed watch event must not stall an owner.
 */
export class Expectations {
  private clock: Clock
  private byKey = new Map<string, Expectation>()

  constructor(clock: Clock) {
    this.clock = clock
  }

  /** Returns true when `key` has nothing outstanding (or its expectations expired). */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key)
    if (!e) return true
    if (e.adds <= 0 && e.deletes.size === 0) return true
    const timeout =
      this.clock.timeFactor > 0
        ? Math.max(EXPECTATIONS_TIMEOUT_MS, MIN_REAL_TIMEOUT_MS / this.clock.timeFactor)
        : EXPECTATIONS_TIMEOUT_MS
    return this.clock.simMs() - e.at > timeout
  }

  /** Records that `adds` creations are about to be asked for. */
  expectCreations(key: string, adds: number): void {
    this.byKey.set(key, { adds, deletes: new Set(), at: this.clock.simMs() })
  }

  /** Records that the objects with these keys are about to be deleted. */
  expectDeletions(key: string, deletes: string[]): void {
    this.byKey.set(key, { adds: 0, deletes: new Set(deletes), at: this.clock.simMs() })
  }

  /** Records that `adds` creations and the deletions of these keys are about to be asked for (both at once, as a DaemonSet's sync does). */
  expect(key: string, adds: number, deletes: string[]): void {
    this.byKey.set(key, { adds, deletes: new Set(deletes), at: this.clock.simMs() })
  }

  /** One expected creation was seen (or will never happen: it failed). */
  creationObserved(key: string): void {
    const e = this.byKey.get(key)
    if (e) e.adds--
  }

  /** The deletion of `objectKey` was seen (or will never happen: it failed). */
  deletionObserved(key: string, objectKey: string): void {
    this.byKey.get(key)?.deletes.delete(objectKey)
  }

  /** Forgets an owner (it was deleted). */
  delete(key: string): void {
    this.byKey.delete(key)
  }
}

/**
 * Returns informer handlers that tell `expectations` of the creations and deletions of objects
 * whose controller is of `kind` (a pod seen with a deletionTimestamp counts as deleted).
 */
export function observeExpectations<T extends KubeObject>(
  expectations: Expectations,
  kind: string
): InformerHandler<T> {
  const ownerKey = (o: KubeObject) => {
    const ref = controllerOf(o)
    if (!ref || ref.kind !== kind) return undefined
    return o.metadata.namespace ? `${o.metadata.namespace}/${ref.name}` : ref.name
  }
  const deleted = (o: KubeObject) => {
    const owner = ownerKey(o)
    if (owner) expectations.deletionObserved(owner, keyOf(o))
  }
  return {
    add: (o) => {
      if (o.metadata.deletionTimestamp) return deleted(o)
      const owner = ownerKey(o)
      if (owner) expectations.creationObserved(owner)
    },
    update: (old, o) => {
      if (o.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) deleted(o)
    },
    delete: deleted,
  }
}
