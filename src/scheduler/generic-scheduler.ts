import type { KubeObject } from '../api/types.js'
import { fitErrorMessage, NO_NODES_AVAILABLE } from './fit-error.js'
import type { NodeInfo, Plugin, Snapshot } from './plugin.js'

/** The outcome of scheduling one pod: a node, or why none fits. */
export type ScheduleResult = { node: string } | { error: string; fitError: boolean }

/**
 * Schedules one pod over a snapshot (genericScheduler.Schedule): runs the filters on each node,
 * stopping at a node's first failing filter (alwaysCheckAllPredicates false); with no feasible
 * node, returns the FitError message; with one, takes it; else sums the weighted scores and
 * picks among the best nodes at random (reservoir sampling as selectHost does).
 */
export function schedulePod(
  pod: KubeObject,
  snapshot: Snapshot,
  plugins: readonly Plugin[],
  random: () => number = Math.random
): ScheduleResult {
  if (snapshot.nodes.length === 0) return { error: NO_NODES_AVAILABLE, fitError: false }
  const filters = plugins.filter((p) => p.filter)
  const scores = plugins.filter((p) => p.score)
  const feasible: NodeInfo[] = []
  const failures = new Map<string, readonly string[]>()
  for (const info of snapshot.nodes) {
    let failed: readonly string[] = []
    for (const f of filters) {
      failed = f.filter!(pod, info, snapshot)
      if (failed.length > 0) break
    }
    if (failed.length > 0) failures.set(info.name, failed)
    else feasible.push(info)
  }
  if (feasible.length === 0)
    return { error: fitErrorMessage(snapshot.nodes.length, failures), fitError: true }
  if (feasible.length === 1) return { node: feasible[0]!.name }
  let best = -Infinity
  let chosen = ''
  let ties = 0
  for (const info of feasible) {
    const total = scores.reduce(
      (sum, s) => sum + (s.weight ?? 1) * s.score!(pod, info, snapshot),
      0
    )
    if (total > best) {
      best = total
      chosen = info.name
      ties = 1
    } else if (total === best) {
      ties++
      if (Math.floor(random() * ties) === 0) chosen = info.name
    }
  }
  return { node: chosen }
}
