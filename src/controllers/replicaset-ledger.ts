import type { LabelSelector } from '../api/selectors/index.js'
import { objectKey } from '../api/types.js'
import type { Informer, InformerHandler } from '../client/index.js'
import { CONTROLLER_INDEX } from './cached-candidates.js'
import { controllerOf } from './object-util.js'
import { isPodActive, isPodReady } from './pod-util.js'
import type { Pod, Workload } from './workload-types.js'

/** A ReplicaSet's own pods as its status counts them (minReadySeconds 0: available = ready). */
export interface PodTally {
  replicas: number
  fullyLabeled: number
  ready: number
  /** The keys of the pods counted (look them up in the pods informer). */
  keys(): IterableIterator<string>
}

interface Entry {
  fully: boolean
  ready: boolean
}

interface Book {
  /** What the entries were counted against: namespace, selector and template labels. */
  basis: string
  entries: Map<string, Entry>
  /** Pods changed since the last tally. */
  dirty: Set<string>
  fullyLabeled: number
  ready: number
}

/**
 * Keeps, for each ReplicaSet (by UID) that was tallied once, the active pods it controls that
 * its selector matches, with how many are fully labelled and ready; a tally re-reads only the
 * pods that changed since the previous one (the informer's handlers mark them), so a sync of a
 * ReplicaSet of 10,000 pods costs its changes, not 10,000 pods. The result is the one a pass
 * over every candidate gives (candidatesFromCache, then isPodActive and the claim of owned pods).
 */
export class ReplicaSetLedger {
  private books = new Map<string, Book>()
  private pods: Informer<Pod>

  constructor(pods: Informer<Pod>) {
    this.pods = pods
  }

  /** The pods informer's handlers: a change to a pod marks it in its old and new owner's books. */
  handler(): InformerHandler<Pod> {
    const mark = (p: Pod) => {
      const uid = controllerOf(p)?.uid
      if (uid) this.books.get(uid)?.dirty.add(objectKey(p))
    }
    return {
      add: mark,
      update: (old, p) => {
        mark(old)
        mark(p)
      },
      delete: mark,
    }
  }

  /** Returns the tally of `rs`'s own active pods that `selector` matches. */
  tally(rs: Workload, selector: LabelSelector): PodTally {
    const uid = rs.metadata.uid ?? ''
    const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {})
    const namespace = rs.metadata.namespace ?? ''
    const text = selector.toString()
    // A selector that cannot be written as a query selects nothing (candidatesFromCache).
    const queryable = selector.isEmpty() || text !== ''
    const basis = `${namespace}\n${text}\n${JSON.stringify(templateLabels)}`
    let book = this.books.get(uid)
    const count = (key: string, p: Pod | undefined): void => {
      if (
        !p ||
        controllerOf(p)?.uid !== uid ||
        (p.metadata.namespace ?? '') !== namespace ||
        !isPodActive(p) ||
        !selector.matches(p.metadata.labels)
      )
        return
      const e = {
        fully: templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v),
        ready: isPodReady(p),
      }
      book!.entries.set(key, e)
      if (e.fully) book!.fullyLabeled++
      if (e.ready) book!.ready++
    }
    if (!book || book.basis !== basis) {
      book = { basis, entries: new Map(), dirty: new Set(), fullyLabeled: 0, ready: 0 }
      this.books.set(uid, book)
      if (uid && queryable)
        for (const p of this.pods.byIndex(CONTROLLER_INDEX, uid)) count(objectKey(p), p)
    } else {
      for (const key of book.dirty) {
        const e = book.entries.get(key)
        if (e) {
          book.entries.delete(key)
          if (e.fully) book.fullyLabeled--
          if (e.ready) book.ready--
        }
        if (!queryable) continue
        count(key, this.pods.get(key))
      }
    }
    book.dirty.clear()
    const b = book
    return {
      replicas: b.entries.size,
      fullyLabeled: b.fullyLabeled,
      ready: b.ready,
      keys: () => b.entries.keys(),
    }
  }

  /** Forgets a ReplicaSet's book (it was deleted). */
  forget(uid: string | undefined): void {
    if (uid) this.books.delete(uid)
  }
}
