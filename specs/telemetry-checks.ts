// The telemetry specs' checks (issue 15): what the add-ons show after traffic through msb-iag to
// multicloud, read over HTTP from the NodePorts the Istio manifest defines (grafana 30300 for the
// Prometheus datasource proxy, servicegraph 30088, tracing 30188). Pure checks take the fetched
// JSON and throw an Error naming what is missing, so their negative cases run without a lab.

/** A Prometheus instant-vector result. */
export interface PromVector {
  metric: Record<string, string>
  value: [number, string]
}

/** Returns the result of a Prometheus API answer; throws with Prometheus's error otherwise. */
export function promResult(
  body: { status?: string; error?: string; data?: { result?: PromVector[] } },
  query: string
): PromVector[] {
  if (body.status !== 'success' || !body.data?.result)
    throw new Error(`query ${query} failed: ${body.error ?? JSON.stringify(body).slice(0, 200)}`)
  return body.data.result
}

/** Returns the single value of an instant query's result (0 when the vector is empty). */
export function scalarOf(result: PromVector[], query: string): number {
  if (result.length > 1) throw new Error(`expected one series for ${query}, got ${result.length}`)
  return result.length === 0 ? 0 : Number(result[0]?.value[1])
}

/** Checks that a counter grew by exactly `n` between two readings. */
export function checkCounterGrowth(before: number, after: number, n: number, what: string): void {
  if (after - before !== n)
    throw new Error(
      `${what} grew by ${after - before} (from ${before} to ${after}); expected ${n} for the ${n} requests sent`
    )
}

/** servicegraph's `/graph`. */
export interface ServiceGraph {
  nodes: Record<string, unknown>
  edges: { source: string; target: string; labels: Record<string, string> }[]
}

/** Returns the app of a node id `"<app> (<workload>)"`. */
export const appOfNode = (id: string): string => id.replace(/ \(.*\)$/, '')

/** Checks that the graph has an edge from app `from` to app `to` with a non-zero `reqs/sec`. */
export function checkGraphEdge(g: ServiceGraph, from: string, to: string): void {
  const edge = g.edges.find((e) => appOfNode(e.source) === from && appOfNode(e.target) === to)
  if (!edge) {
    const have = g.edges.map((e) => `${e.source} → ${e.target}`).join('; ') || 'no edges'
    throw new Error(`servicegraph has no edge ${from} → ${to} (it has: ${have})`)
  }
  if (!(Number(edge.labels['reqs/sec']) > 0))
    throw new Error(
      `servicegraph edge ${edge.source} → ${edge.target} has reqs/sec ${edge.labels['reqs/sec'] ?? 'missing'}`
    )
}

/** A trace of Jaeger's JSON model (the fields the check reads). */
export interface JaegerTraceJson {
  traceID: string
  spans: {
    spanID: string
    operationName: string
    processID: string
    references: { refType: string; spanID: string }[]
  }[]
  processes: Record<string, { serviceName: string }>
}

/**
 * Checks that one trace holds a span of `child` whose parent is a span of `parent`; otherwise
 * names the hop where the trace broke (the traces found per service).
 */
export function checkTraceLink(traces: JaegerTraceJson[], parent: string, child: string): void {
  const serviceOf = (t: JaegerTraceJson, processID: string) => t.processes[processID]?.serviceName
  for (const t of traces) {
    const byId = new Map(t.spans.map((s) => [s.spanID, s]))
    const linked = t.spans.some((s) => {
      if (serviceOf(t, s.processID) !== child) return false
      const ref = s.references.find((r) => r.refType === 'CHILD_OF')
      const p = ref && byId.get(ref.spanID)
      return p !== undefined && serviceOf(t, p.processID) === parent
    })
    if (linked) return
  }
  const summary = traces
    .map(
      (t) =>
        `${t.traceID}: [${[...new Set(t.spans.map((s) => serviceOf(t, s.processID)))].join(', ')}]`
    )
    .join('; ')
  throw new Error(
    `no trace links ${parent} → ${child}: the trace breaks at the hop ${parent} → ${child} (was the trace context forwarded by ${parent}?); traces: ${summary || 'none'}`
  )
}

/** GETs JSON over HTTP with a timeout; throws naming the URL. */
export async function getJson<T>(url: string): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  } catch (err) {
    throw new Error(`failed to GET ${url}: ${(err as Error).message}`, { cause: err })
  }
  const text = await res.text()
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 200)}`)
  return JSON.parse(text) as T
}

/** Retries `check` until it passes or `ms` runs out, then rethrows its last error. */
export async function eventually(
  check: () => Promise<void>,
  ms: number,
  everyMs = 500
): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      await check()
      return
    } catch (err) {
      if (Date.now() > deadline) throw err
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Returns a reading once two consecutive reads `everyMs` apart agree (a real Prometheus scrapes
 * every 5 s, so a counter read right after traffic may still move); gives the last read at `ms`.
 */
export async function settled(
  read: () => Promise<number>,
  everyMs = 6000,
  ms = 20_000
): Promise<number> {
  const deadline = Date.now() + ms
  let last = await read()
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs))
    const now = await read()
    if (now === last) return now
    last = now
  }
  return last
}
