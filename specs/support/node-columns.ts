// A node's role, STATUS and taints as the specs show them.
import type { Node } from './kube-types.js'

/** The labels that mark a control-plane node: kubeadm 1.11 (`master`) and kubeadm 1.20+. */
export const CONTROL_PLANE_LABELS = [
  'node-role.kubernetes.io/master',
  'node-role.kubernetes.io/control-plane',
] as const

/** Returns `control-plane` for a node carrying a control-plane role label, else `worker`. */
export function nodeRole(node: Node): 'control-plane' | 'worker' {
  const labels = node.metadata?.labels ?? {}
  return CONTROL_PLANE_LABELS.some((l) => l in labels) ? 'control-plane' : 'worker'
}

/** Returns the STATUS column of `kubectl get nodes`: `Ready`, `NotReady` or `Unknown`, `,SchedulingDisabled`. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
  const base = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'
  return node.spec?.unschedulable ? `${base},SchedulingDisabled` : base
}

/** Returns the node's taints as `key[=value]:effect` joined by `,`, or `<none>`. */
export function nodeTaints(node: Node): string {
  const taints = (node.spec?.taints ?? []).map(
    (t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`
  )
  return taints.length > 0 ? taints.join(',') : '<none>'
}
