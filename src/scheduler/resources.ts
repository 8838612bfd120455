import { asObject, isObject, type KubeObject, type Obj } from '../api/types.js'
import { parseQuantity } from '../cluster/index.js'

/** Amounts of resources by name; cpu in millicores, memory and storage in bytes, pods as a count. */
export type Resources = Record<string, number>

/** A host port a pod takes on its node. */
export interface HostPort {
  ip: string
  protocol: string
  port: number
}

/** The scheduler's defaults for containers without cpu/memory requests, used by the scores only. */
export const DEFAULT_NONZERO = { cpu: 100, memory: 200 * 2 ** 20 } as const

/** Returns a quantity in the scheduler's units: cpu in millicores, everything else as is (rounded up). */
export function resourceAmount(name: string, text: unknown): number {
  const v = parseQuantity(String(text))
  return name === 'cpu' ? Math.ceil(v * 1000) : Math.ceil(v)
}

function containersOf(pod: KubeObject, key: 'containers' | 'initContainers'): Obj[] {
  const spec = asObject(pod.spec)
  return Array.isArray(spec[key]) ? (spec[key] as unknown[]).filter(isObject) : []
}

function requestsOf(c: Obj): Resources {
  const res = asObject(c.resources)
  const req = asObject(res.requests)
  return Object.fromEntries(Object.entries(req).map(([k, v]) => [k, resourceAmount(k, v)]))
}

/**
 * Returns what a pod requests (predicates.GetResourceRequest): the sum over its containers, raised
 * per resource to the largest init container's request, since init containers run one at a time.
 */
export function podRequests(pod: KubeObject): Resources {
  const total: Resources = {}
  for (const c of containersOf(pod, 'containers')) {
    for (const [k, v] of Object.entries(requestsOf(c))) total[k] = (total[k] ?? 0) + v
  }
  for (const c of containersOf(pod, 'initContainers')) {
    for (const [k, v] of Object.entries(requestsOf(c))) total[k] = Math.max(total[k] ?? 0, v)
  }
  return total
}

/** Returns a pod's cpu and memory requests with the defaults for unset ones (priorities.getNonZeroRequests). */
export function podNonzeroRequests(pod: KubeObject): { cpu: number; memory: number } {
  let cpu = 0
  let memory = 0
  for (const c of containersOf(pod, 'containers')) {
    const r = requestsOf(c)
    cpu += r.cpu ?? DEFAULT_NONZERO.cpu
    memory += r.memory ?? DEFAULT_NONZERO.memory
  }
  return { cpu, memory }
}

/** Returns a node's allocatable resources. */
export function allocatableOf(node: KubeObject): Resources {
  const status = asObject(node.status)
  const alloc = asObject(status.allocatable)
  return Object.fromEntries(Object.entries(alloc).map(([k, v]) => [k, resourceAmount(k, v)]))
}

/** Returns the host ports a pod wants (a hostNetwork pod takes its container ports on the host). */
export function podHostPorts(pod: KubeObject): HostPort[] {
  const hostNetwork = isObject(pod.spec) && pod.spec.hostNetwork === true
  const out: HostPort[] = []
  for (const c of containersOf(pod, 'containers')) {
    for (const p of Array.isArray(c.ports) ? c.ports.filter(isObject) : []) {
      const port =
        typeof p.hostPort === 'number' && p.hostPort > 0
          ? p.hostPort
          : hostNetwork
            ? Number(p.containerPort)
            : 0
      if (port > 0)
        out.push({
          ip: typeof p.hostIP === 'string' && p.hostIP ? p.hostIP : '0.0.0.0',
          protocol: String(p.protocol ?? 'TCP'),
          port,
        })
    }
  }
  return out
}

/** Returns true when two host ports clash (same protocol and port, and one binds all addresses or both the same one). */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return (
    a.protocol === b.protocol &&
    a.port === b.port &&
    (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0')
  )
}
