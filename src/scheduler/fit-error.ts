/**
 * Returns the scheduler's FitError message (generic_scheduler.go FitError.Error()): each reason
 * with the number of nodes that gave it, as `<count> <reason>` strings sorted as strings, after
 * `0/<nodes> nodes are available: ` and ending with a period.
 */
export function fitErrorMessage(
  numAllNodes: number,
  failures: ReadonlyMap<string, readonly string[]>
): string {
  const counts = new Map<string, number>()
  for (const reasons of failures.values())
    for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  // Go's sort.Strings compares bytes, as does this comparison (no locale).
  const parts = [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `0/${numAllNodes} nodes are available: ${parts.join(', ')}.`
}

/** The message when the cluster has no nodes at all (core.ErrNoNodesAvailable). */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods'
