import type { KubeObject } from '../types.js'
import { list, optBool, str } from './fields.js'
import { namedPrinter } from './named-printer.js'
import { column } from './table-columns.js'

const ROLE_PREFIX = 'node-role.kubernetes.io/'
const ROLE_LABEL = 'kubernetes.io/role'

/**
 * Prints nodes: Name, Status (`Ready`, `NotReady`, `Unknown`, plus `SchedulingDisabled`), Roles,
 * Age, Version; wide Internal-IP, External-IP, OS-Image, Kernel-Version, Container-Runtime.
 */
export const nodePrinter = namedPrinter({
  columns: [
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
  ],
  cells: (node) => [nodeStatus(node), nodeRoles(node).join(',') || '<none>'],
  tail: [
    column('Version', 'string', 'The kubelet version the node reports.'),
    column('Internal-IP', 'string', 'The first InternalIP address of the node.', { priority: 1 }),
    column('External-IP', 'string', 'The first ExternalIP address of the node.', { priority: 1 }),
    column('OS-Image', 'string', 'The operating system image the node reports.', { priority: 1 }),
    column('Kernel-Version', 'string', 'The kernel version the node reports.', { priority: 1 }),
    column('Container-Runtime', 'string', 'The container runtime and version the node reports.', {
      priority: 1,
    }),
  ],
  tailCells: (node) => [
    str(node, 'status', 'nodeInfo', 'kubeletVersion'),
    nodeAddress(node, 'InternalIP'),
    nodeAddress(node, 'ExternalIP'),
    str(node, 'status', 'nodeInfo', 'osImage') || '<unknown>',
    str(node, 'status', 'nodeInfo', 'kernelVersion') || '<unknown>',
    str(node, 'status', 'nodeInfo', 'containerRuntimeVersion') || '<unknown>',
  ],
})

function nodeStatus(node: KubeObject): string {
  // Only the Ready condition counts; the last entry of a type wins, as with Go's map.
  const ready = list(node, 'status', 'conditions').findLast((c) => str(c, 'type') === 'Ready')
  const status = [
    ready === undefined ? 'Unknown' : str(ready, 'status') === 'True' ? 'Ready' : 'NotReady',
  ]
  if (optBool(node, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled')
  return status.join(',')
}

/** Returns the sorted roles of a node: `node-role.kubernetes.io/<role>`, `kubernetes.io/role`. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length)
      if (role !== '') roles.add(role)
    } else if (k === ROLE_LABEL && v !== '') {
      roles.add(v)
    }
  }
  return [...roles].sort()
}

function nodeAddress(node: KubeObject, type: string): string {
  const a = list(node, 'status', 'addresses').find((a) => str(a, 'type') === type)
  return a === undefined ? '<none>' : str(a, 'address')
}
