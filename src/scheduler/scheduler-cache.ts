import type { KubeObject } from '../api/types.js'
import { hasPodAffinity, podFacts, podFinished, podNodeName, type PodFacts } from './node-info.js'
import type { NodeInfo, Snapshot } from './plugin.js'
import { allocatableOf } from './resources.js'

/** A pod the cache counts on a node, with the facts it added there. */
interface Entry {
  node: string
  pod: KubeObject
  facts: PodFacts
}

function emptyInfo(name: string, node: KubeObject | undefined): NodeInfo {
  return {
    name,
    node: node ?? { metadata: { name } },
    labels: node?.metadata.labels ?? {},
    pods: [],
    podsWithAffinity: [],
    allocatable: node ? allocatableOf(node) : {},
    requested: {},
    nonzeroRequested: { cpu: 0, memory: 0 },
    usedPorts: [],
  }
}

/**
 * The scheduler's cache (kube-scheduler's schedulerCache): one NodeInfo per node, kept up to date
 * from node and pod events and from the scheduler's own assumptions, so a scheduling cycle costs
 * nothing per pod in the cluster. Nodes keep the order they were first seen in (the informer's).
 */
export class SchedulerCache {
  private infos = new Map<string, NodeInfo>()
  /** NodeInfos of names that pods name but no Node has (yet): counted, never offered. */
  private ghosts = new Map<string, NodeInfo>()
  private entries = new Map<string, Entry>()
  private assumed = new Map<string, string>()
  private pods = new Map<string, KubeObject>()
  private current: Snapshot | undefined

  /** Adds or replaces a Node. */
  setNode(node: KubeObject): void {
    const name = node.metadata.name ?? ''
    const info = this.infos.get(name) ?? this.ghosts.get(name)
    this.ghosts.delete(name)
    if (!info) this.infos.set(name, emptyInfo(name, node))
    else {
      info.node = node
      info.labels = node.metadata.labels ?? {}
      info.allocatable = allocatableOf(node)
      this.infos.set(name, info)
    }
    this.current = undefined
  }

  /** Removes a Node; its pods stay counted under its name until they go. */
  removeNode(name: string): void {
    const info = this.infos.get(name)
    if (!info) return
    this.infos.delete(name)
    if (info.pods.length > 0) this.ghosts.set(name, { ...info, node: { metadata: { name } } })
    this.current = undefined
  }

  /** Sets (or, with undefined, removes) the pod stored under `key`. */
  setPod(key: string, pod: KubeObject | undefined): void {
    if (pod) this.pods.set(key, pod)
    else {
      this.pods.delete(key)
      this.assumed.delete(key)
    }
    this.place(key)
  }

  /** Counts a pod on the node the scheduler chose before the binding is seen (undefined: forget). */
  assume(key: string, node: string | undefined): void {
    if (node) this.assumed.set(key, node)
    else this.assumed.delete(key)
    this.place(key)
  }

  /** Returns true while a pod is assumed on a node. */
  isAssumed(key: string): boolean {
    return this.assumed.has(key)
  }

  /** Returns the cluster as the next scheduling cycle sees it (valid until the cache changes). */
  snapshot(): Snapshot {
    if (!this.current) {
      const nodes = [...this.infos.values()]
      this.current = { nodes, byName: this.infos }
    }
    return { nodes: this.current.nodes, byName: this.current.byName }
  }

  private place(key: string): void {
    const pod = this.pods.get(key)
    const node = pod && !podFinished(pod) ? podNodeName(pod) || this.assumed.get(key) || '' : ''
    const old = this.entries.get(key)
    if (old && old.pod === pod && old.node === node) return
    if (old && pod && node && old.node === node && old.pod.spec === pod.spec) {
      // A new version with the same spec on the same node (a status write) takes what it took.
      this.replace(old, pod)
      this.entries.set(key, { node, pod, facts: old.facts })
      return
    }
    if (old) this.subtract(key, old)
    if (pod && node) {
      const entry = { node, pod, facts: podFacts(pod) }
      this.entries.set(key, entry)
      this.add(entry)
    }
  }

  private infoFor(name: string): NodeInfo {
    let info = this.infos.get(name) ?? this.ghosts.get(name)
    if (!info) this.ghosts.set(name, (info = emptyInfo(name, undefined)))
    return info
  }

  private add({ node, pod, facts }: Entry): void {
    const info = this.infoFor(node)
    info.pods.push(pod)
    if (hasPodAffinity(pod)) info.podsWithAffinity.push(pod)
    for (const [k, v] of Object.entries(facts.requests))
      info.requested[k] = (info.requested[k] ?? 0) + v
    info.nonzeroRequested.cpu += facts.nonzero.cpu
    info.nonzeroRequested.memory += facts.nonzero.memory
    info.usedPorts.push(...facts.ports)
  }

  /** Puts `pod` where its node counts the version `old` holds (same spec, same node). */
  private replace(old: Entry, pod: KubeObject): void {
    const info = this.infos.get(old.node) ?? this.ghosts.get(old.node)
    if (!info) return
    const i = info.pods.indexOf(old.pod)
    if (i >= 0) info.pods[i] = pod
    const j = info.podsWithAffinity.indexOf(old.pod)
    if (j >= 0) info.podsWithAffinity[j] = pod
  }

  private subtract(key: string, { node, pod, facts }: Entry): void {
    this.entries.delete(key)
    const info = this.infos.get(node) ?? this.ghosts.get(node)
    if (!info) return
    info.pods = info.pods.filter((p) => p !== pod)
    info.podsWithAffinity = info.podsWithAffinity.filter((p) => p !== pod)
    for (const [k, v] of Object.entries(facts.requests)) info.requested[k] = info.requested[k]! - v
    info.nonzeroRequested.cpu -= facts.nonzero.cpu
    info.nonzeroRequested.memory -= facts.nonzero.memory
    info.usedPorts = info.usedPorts.filter((p) => !facts.ports.includes(p))
    if (info.pods.length === 0 && this.ghosts.has(node)) this.ghosts.delete(node)
  }
}

/** Returns the scheduling snapshot of nodes and the unfinished pods bound (or assumed) to them. */
export function buildSnapshot(nodes: readonly KubeObject[], pods: readonly KubeObject[]): Snapshot {
  const cache = new SchedulerCache()
  for (const node of nodes) cache.setNode(node)
  pods.forEach((pod, i) => cache.setPod(String(i), pod))
  return cache.snapshot()
}
