/**
 * Istio 1.0's servicegraph (`addons/servicegraph`): the graph of workloads computed from two
 * PromQL queries on the destination reporter, and its `/graph`, `/d3graph` and `/dotgraph` forms.
 */
import type { MetricsSource } from '../promql/metrics-source.js'
import type { Sample } from '../promql/store-series.js'

/** `/graph`'s JSON. */
export interface Graph {
  nodes: Record<string, Record<string, string>>
  edges: { source: string; target: string; labels: Record<string, string> }[]
}

const by = 'by (source_workload, destination_workload, source_app, destination_app)'

/** Returns the queries promgen runs for a time horizon (`filter_empty` appends ` > 0`). */
export function graphQueries(
  horizon: string,
  filterEmpty: boolean
): { label: string; promql: string }[] {
  const tail = filterEmpty ? ' > 0' : ''
  return [
    {
      label: 'reqs/sec',
      promql: `sum(rate(istio_requests_total{reporter="destination"}[${horizon}])) ${by}${tail}`,
    },
    {
      label: 'bytes/sec',
      promql: `sum(rate(istio_tcp_received_bytes_total{reporter="destination"}[${horizon}])) ${by}${tail}`,
    },
  ]
}

/** Returns a node's id: `"<app> (<workload>)"`. */
export function nodeId(app: string | undefined, workload: string | undefined): string {
  return `${app ?? 'unknown'} (${workload ?? 'unknown'})`
}

/** Builds the graph from each query's samples, merging edges with the same ends. */
export function buildGraph(results: { label: string; samples: Sample[] }[]): Graph {
  const nodes: Graph['nodes'] = {}
  const edges = new Map<string, Graph['edges'][number]>()
  for (const { label, samples } of results) {
    for (const s of samples) {
      const source = nodeId(s.labels.source_app, s.labels.source_workload)
      const target = nodeId(s.labels.destination_app, s.labels.destination_workload)
      nodes[source] = {}
      nodes[target] = {}
      const k = `${source}\u0000${target}`
      const e = edges.get(k) ?? { source, target, labels: {} }
      e.labels[label] = s.value.toFixed(6)
      edges.set(k, e)
    }
  }
  const sortedNodes = Object.fromEntries(
    Object.keys(nodes)
      .sort()
      .map((n) => [n, {}])
  )
  const sortedEdges = [...edges.values()].sort((a, b) =>
    a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1
  )
  return { nodes: sortedNodes, edges: sortedEdges }
}

/** Runs the queries on a metrics source and builds the graph; throws on a bad horizon. */
export async function queryGraph(
  src: MetricsSource,
  horizon: string,
  filterEmpty: boolean
): Promise<Graph> {
  const results = await Promise.all(
    graphQueries(horizon, filterEmpty).map(async (q) => ({
      label: q.label,
      samples: await src.query(q.promql),
    }))
  )
  return buildGraph(results)
}

/** `/d3graph`'s JSON: nodes by name, links by node index. */
export function toD3(g: Graph): {
  nodes: { name: string }[]
  links: { source: number; target: number; labels: Record<string, string> }[]
} {
  const names = Object.keys(g.nodes)
  const index = new Map(names.map((n, i) => [n, i]))
  return {
    nodes: names.map((name) => ({ name })),
    links: g.edges.map((e) => ({
      source: index.get(e.source) ?? -1,
      target: index.get(e.target) ?? -1,
      labels: e.labels,
    })),
  }
}

/** Returns a node's dot id: the name with `/`, `.` and spaces replaced by `_`. */
export function dotId(name: string): string {
  return name.replace(/[/. ]/g, '_')
}

/** `/dotgraph`'s Graphviz source. */
export function toDot(g: Graph): string {
  const lines = ['digraph "istio-servicegraph" {']
  for (const e of g.edges) {
    const label = Object.entries(e.labels)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')
    lines.push(`"${dotId(e.source)}" -> "${dotId(e.target)}" [label="${label}"];`)
  }
  for (const n of Object.keys(g.nodes)) lines.push(`"${dotId(n)}" [label="${n}"];`)
  lines.push('}')
  return `${lines.join('\n')}\n`
}
