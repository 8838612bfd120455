import type { Node, NodeSelectorTerm, PodSpec, Taint, Toleration } from './workload-types.js'

/**
 * The tolerations the 1.11 DaemonSet controller adds to its pods (AddOrUpdateDaemonPodTolerations):
 * daemons keep running on not-ready and unreachable nodes and are placed on nodes under disk or
 * memory pressure.
 */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
]

/** Returns the tolerations with the daemon ones added where missing. */
export function withDaemonTolerations(tolerations: Toleration[] | undefined): Toleration[] {
  const out = [...(tolerations ?? [])]
  for (const t of DAEMON_TOLERATIONS) {
    if (!out.some((x) => x.key === t.key && x.effect === t.effect)) out.push(t)
  }
  return out
}

/** Returns true when a toleration tolerates a taint (v1 helper ToleratesTaint). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  if (t.operator === 'Exists') return true
  if (!t.operator || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '')
  return false
}

/** Returns the taints of given effects that no toleration tolerates. */
export function untoleratedTaints(
  node: Node,
  tolerations: Toleration[],
  effects: string[]
): Taint[] {
  return (node.spec?.taints ?? []).filter(
    (taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint))
  )
}

function matchRequirement(value: string | undefined, op: string, values: string[]): boolean {
  switch (op) {
    case 'In':
      return value !== undefined && values.includes(value)
    case 'NotIn':
      return value === undefined || !values.includes(value)
    case 'Exists':
      return value !== undefined
    case 'DoesNotExist':
      return value === undefined
    case 'Gt':
    case 'Lt': {
      const n = Number.parseInt(value ?? '', 10)
      const v = Number.parseInt(values[0] ?? '', 10)
      if (!Number.isFinite(n) || !Number.isFinite(v)) return false
      return op === 'Gt' ? n > v : n < v
    }
    default:
      return false
  }
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return false
  const labels = node.metadata.labels ?? {}
  return (
    exprs.every((e) => matchRequirement(labels[e.key], e.operator, e.values ?? [])) &&
    fields.every((f) =>
      matchRequirement(
        f.key === 'metadata.name' ? node.metadata.name : undefined,
        f.operator,
        f.values ?? []
      )
    )
  )
}

/** Returns true when a pod spec's nodeSelector, required node affinity and nodeName admit the node. */
export function nodeMatches(spec: PodSpec, node: Node): boolean {
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return false
  const labels = node.metadata.labels ?? {}
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  return !terms || terms.some((t) => termMatches(t, node))
}

/** Where a daemon pod may be: wanted, placeable now, and allowed to keep running (nodeShouldRunDaemonPod). */
export interface DaemonPlacement {
  wantToRun: boolean
  shouldSchedule: boolean
  shouldContinueRunning: boolean
}

/**
 * Returns whether a DaemonSet with this pod spec runs on a node, as 1.11 decided it: node
 * selector and affinity must match; an untolerated NoSchedule taint keeps new pods off but lets
 * running ones stay; an untolerated NoExecute taint evicts. Resource fit is not checked.
 */
export function daemonPlacement(spec: PodSpec, node: Node): DaemonPlacement {
  const no = { wantToRun: false, shouldSchedule: false, shouldContinueRunning: false }
  if (!nodeMatches({ ...spec, nodeName: undefined }, node)) return no
  const tolerations = withDaemonTolerations(spec.tolerations)
  if (untoleratedTaints(node, tolerations, ['NoExecute']).length) return no
  if (untoleratedTaints(node, tolerations, ['NoSchedule']).length)
    return { wantToRun: false, shouldSchedule: false, shouldContinueRunning: true }
  return { wantToRun: true, shouldSchedule: true, shouldContinueRunning: true }
}
