import type { KubeObject } from '../api/types.js'

/** An object of the graph and the index of its monitored resource. */
export interface GraphNode {
  index: number
  obj: KubeObject
}

/** The owner/dependent graph of the garbage collector, kept from informer events by uid. */
export class OwnerGraph {
  private byUid = new Map<string, GraphNode>()
  private byName = new Map<string, GraphNode>()
  private dependents = new Map<string, Set<string>>()

  /** Adds or replaces an object. */
  set(index: number, obj: KubeObject): void {
    const uid = obj.metadata.uid ?? ''
    const old = this.byUid.get(uid)
    if (old) this.unlink(old.obj)
    const node = { index, obj }
    this.byUid.set(uid, node)
    this.byName.set(nameKey(index, obj.metadata.namespace ?? '', obj.metadata.name ?? ''), node)
    for (const r of obj.metadata.ownerReferences ?? []) {
      let s = this.dependents.get(r.uid)
      if (!s) this.dependents.set(r.uid, (s = new Set()))
      s.add(uid)
    }
  }

  /** Removes an object. */
  remove(obj: KubeObject): void {
    const uid = obj.metadata.uid ?? ''
    const node = this.byUid.get(uid)
    if (!node) return
    this.unlink(node.obj)
    this.byUid.delete(uid)
    const k = nameKey(node.index, obj.metadata.namespace ?? '', obj.metadata.name ?? '')
    if (this.byName.get(k) === node) this.byName.delete(k)
  }

  /** Returns true when an object with this uid is in the graph. */
  alive(uid: string): boolean {
    return this.byUid.has(uid)
  }

  /** Returns the cached object of a resource by namespace and name. */
  find(index: number, namespace: string, name: string): KubeObject | undefined {
    return this.byName.get(nameKey(index, namespace, name))?.obj
  }

  /** Returns the objects whose owner references name this uid. */
  dependentsOf(uid: string): GraphNode[] {
    return [...(this.dependents.get(uid) ?? [])]
      .map((u) => this.byUid.get(u))
      .filter((n): n is GraphNode => !!n)
  }

  /** Returns the cached owners of an object. */
  ownersOf(obj: KubeObject): GraphNode[] {
    return (obj.metadata.ownerReferences ?? [])
      .map((r) => this.byUid.get(r.uid))
      .filter((n): n is GraphNode => !!n)
  }

  private unlink(obj: KubeObject): void {
    const uid = obj.metadata.uid ?? ''
    for (const r of obj.metadata.ownerReferences ?? []) {
      const s = this.dependents.get(r.uid)
      s?.delete(uid)
      if (s && s.size === 0) this.dependents.delete(r.uid)
    }
  }
}

function nameKey(index: number, namespace: string, name: string): string {
  return `${index}|${namespace}|${name}`
}
