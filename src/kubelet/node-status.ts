import { conditionsOf, transitionTime } from '../api/conditions.js'
import { asObject, deepCopy, isObject, type KubeObject, type Obj } from '../api/types.js'
import { nodeObject, type TopologyNode } from '../cluster/index.js'

/** Returns true for a topology node (as opposed to a ready-made Node object). */
export function isTopologyNode(n: TopologyNode | KubeObject): n is TopologyNode {
  return !('metadata' in n)
}

/**
 * Returns the Node a kubelet registers, with conditions stamped `now`: from the topology
 * (cluster's nodeObject), or a copy of a given Node object with its condition times refreshed.
 */
export function desiredNode(
  n: TopologyNode | KubeObject,
  now: string,
  networkReady: boolean
): KubeObject {
  if (isTopologyNode(n)) return nodeObject(n, now, { ready: networkReady })
  const node = deepCopy(n)
  const status = (isObject(node.status) ? node.status : (node.status = {})) as Obj
  status.conditions = conditionsOf(node).map((c) => ({
    ...c,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  }))
  return node
}

/** Returns the name, pod CIDR and InternalIP of a node given either way. */
export function nodeIdentity(n: TopologyNode | KubeObject): {
  name: string
  podCIDR: string
  address: string
} {
  if (isTopologyNode(n)) return { name: n.name, podCIDR: n.podCIDR, address: n.address }
  const spec = asObject(n.spec)
  const status = asObject(n.status)
  const addresses = Array.isArray(status.addresses) ? status.addresses.filter(isObject) : []
  const internal = addresses.find((a) => a.type === 'InternalIP')
  return {
    name: n.metadata.name ?? '',
    podCIDR: String(spec.podCIDR ?? ''),
    address: String(internal?.address ?? ''),
  }
}

/**
 * Returns the node conditions after a heartbeat: the kubelet's conditions in its order, each
 * with lastHeartbeatTime `now` and its old lastTransitionTime while its status is unchanged;
 * conditions the kubelet does not own (NetworkUnavailable) are kept as they are.
 */
export function heartbeatConditions(
  existing: readonly Obj[],
  desired: readonly Obj[],
  now: string
): Obj[] {
  const merged = desired.map((d) => {
    const old = existing.find((e) => e.type === d.type)
    const since = transitionTime(old, d.status, now)
    return { ...d, lastHeartbeatTime: now, lastTransitionTime: since }
  })
  const owned = new Set(desired.map((d) => d.type))
  return [...merged, ...existing.filter((e) => !owned.has(e.type))]
}
