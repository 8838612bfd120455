import type { KubeObject } from '../api/types.js'
import type { HostPort, Resources } from './resources.js'

/** What the scheduler knows about one node: the Node and the pods bound or assumed to it. */
export interface NodeInfo {
  name: string
  node: KubeObject
  labels: Readonly<Record<string, string>>
  /** Pods on the node that have not finished (Succeeded/Failed pods free their resources). */
  pods: KubeObject[]
  /** The pods among them with pod affinity or anti-affinity. */
  podsWithAffinity: KubeObject[]
  /** status.allocatable, cpu in millicores. */
  allocatable: Resources
  /** Sum of the pods' requests (GetResourceRequest). */
  requested: Resources
  /** Sum of the pods' requests with the defaults for unset cpu/memory (100m, 200Mi), for scores. */
  nonzeroRequested: { cpu: number; memory: number }
  usedPorts: HostPort[]
}

/** The cluster as one scheduling cycle sees it. */
export interface Snapshot {
  nodes: NodeInfo[]
  byName: ReadonlyMap<string, NodeInfo>
}

/**
 * A scheduler plugin: a filter (a 1.11 predicate) says why a pod does not fit a node, in the
 * predicate's failure reasons; a score (a 1.11 priority) rates a node 0–10 for the pod.
 */
export interface Plugin {
  readonly name: string
  /**
   * Returns the reasons the pod does not fit the node; empty when it fits. Read-only: a filter
   * may hand out one shared array (FITS, or a node's cached reasons) for every pod.
   */
  filter?(pod: KubeObject, node: NodeInfo, snapshot: Snapshot): readonly string[]
  /** Returns the node's score for the pod, 0 to 10. */
  score?(pod: KubeObject, node: NodeInfo, snapshot: Snapshot): number
  /** The score's weight (1 when unset). */
  readonly weight?: number
}

/** The answer of a filter for a pod that fits: one shared empty array, never changed. */
export const FITS: readonly string[] = Object.freeze([])
