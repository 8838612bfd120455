import type { Route } from '../pilot/index.js'

/** Returns the cluster a route sends this request to (weighted clusters drawn with `random`). */
export function pickCluster(route: Route, random: () => number): string | undefined {
  if (route.cluster) return route.cluster
  const ws = route.weightedClusters ?? []
  const total = ws.reduce((s, w) => s + w.weight, 0)
  if (total <= 0) return undefined
  let x = random() * total
  for (const w of ws) {
    if (x < w.weight) return w.name
    x -= w.weight
  }
  return ws[ws.length - 1]?.name
}
