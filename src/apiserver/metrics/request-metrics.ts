import type { ResourcePath } from '../request/index.js'

/** What one served request is counted under (kube-apiserver 1.11's RequestInfo, cleaned). */
export interface RequestLabels {
  /** `GET`, `LIST`, `WATCH`, `CREATE`, `UPDATE`, `PATCH`, `DELETE`, `DELETECOLLECTION`. */
  verb: string
  resource: string
  /** The subresource, or for a non-resource request its path. */
  subresource: string
  /** `namespace`, `resource`, `cluster`, or '' for non-resource requests. */
  scope: string
}

/** One finished request. */
export interface ServedRequest extends RequestLabels {
  client: string
  contentType: string
  code: number
  elapsedMs: number
}

// kube-apiserver 1.11 (k8s.io/apiserver/pkg/endpoints/metrics): latency buckets in microseconds.
const LATENCY_BUCKETS = [125000, 250000, 500000, 1e6, 2e6, 4e6, 8e6]
const QUANTILES = [0.5, 0.9, 0.99]
// Observations kept per series for the summary's quantiles (a bounded sliding window).
const SUMMARY_WINDOW = 1000

const HELP = {
  count:
    'Counter of apiserver requests broken out for each verb, API resource, client, and HTTP response contentType and code.',
  latencies:
    'Response latency distribution in microseconds for each verb, resource and subresource.',
  summary: 'Response latency summary in microseconds for each verb, resource and subresource.',
}

interface Histogram {
  labels: string
  counts: number[]
  sum: number
  count: number
}

interface Summary {
  labels: string
  /** The last SUMMARY_WINDOW observations, in no order (the newest overwrites the oldest). */
  window: number[]
  sum: number
  count: number
}

/** Returns the labels kube-apiserver 1.11 records a request under. */
export function requestLabels(
  method: string,
  path: ResourcePath | undefined,
  rawPath: string,
  watchParam: string | null
): RequestLabels {
  const m = method.toUpperCase()
  if (!path) return { verb: m, resource: '', subresource: rawPath, scope: '' }
  const watching = path.legacyWatch || (watchParam !== null && !/^(0|false)$/i.test(watchParam))
  const named = path.name !== undefined && path.name !== ''
  let verb = m
  if (m === 'GET' || m === 'HEAD') verb = watching ? 'WATCH' : named ? 'GET' : 'LIST'
  else if (m === 'POST') verb = 'CREATE'
  else if (m === 'PUT') verb = 'UPDATE'
  else if (m === 'DELETE') verb = named ? 'DELETE' : 'DELETECOLLECTION'
  const namespaced =
    (path.namespace !== undefined && path.namespace !== '') ||
    (path.resource === 'namespaces' && named)
  const scope = namespaced ? 'namespace' : named ? 'resource' : 'cluster'
  return { verb, resource: path.resource, subresource: path.subresource ?? '', scope }
}

/**
 * The request metrics of kube-apiserver 1.11, as its /metrics exposes them for Prometheus'
 * `kubernetes-apiservers` job: apiserver_request_count, apiserver_request_latencies (histogram,
 * µs) and apiserver_request_latencies_summary. apiserver_response_sizes is not kept: the
 * handler does not see the bytes the transport writes.
 */
export class RequestMetrics {
  private counts = new Map<string, number>()
  private latencies = new Map<string, Histogram>()
  private summaries = new Map<string, Summary>()
  // The label texts of the label values seen (their \0-joined values), written once each.
  private texts = new Map<string, string>()

  /** Records one finished request. */
  record(r: ServedRequest): void {
    const client = r.client.startsWith('Mozilla/') ? 'Browser' : r.client
    const code = String(r.code)
    const countValues = `${client}\0${code}\0${r.contentType}\0${r.resource}\0${r.scope}\0${r.subresource}\0${r.verb}`
    const countKey =
      this.texts.get(countValues) ??
      this.text(countValues, {
        client,
        code,
        contentType: r.contentType,
        resource: r.resource,
        scope: r.scope,
        subresource: r.subresource,
        verb: r.verb,
      })
    this.counts.set(countKey, (this.counts.get(countKey) ?? 0) + 1)
    const values = `\0${r.resource}\0${r.scope}\0${r.subresource}\0${r.verb}`
    const key =
      this.texts.get(values) ??
      this.text(values, {
        resource: r.resource,
        scope: r.scope,
        subresource: r.subresource,
        verb: r.verb,
      })
    const micros = Math.floor(r.elapsedMs * 1000)
    observe(this.latencies, key, LATENCY_BUCKETS, micros)
    const s = this.summaries.get(key) ?? { labels: key, window: [], sum: 0, count: 0 }
    // A ring: the quantiles sort the window, so where the newest lands does not matter.
    if (s.window.length < SUMMARY_WINDOW) s.window.push(micros)
    else s.window[s.count % SUMMARY_WINDOW] = micros
    s.sum += micros
    s.count++
    this.summaries.set(key, s)
  }

  /** Returns the Prometheus text exposition (format 0.0.4) of every series. */
  render(): string {
    const out: string[] = []
    out.push(
      `# HELP apiserver_request_count ${HELP.count}`,
      '# TYPE apiserver_request_count counter'
    )
    for (const [labels, n] of [...this.counts].sort())
      out.push(`apiserver_request_count{${labels}} ${n}`)
    renderHistogram(
      out,
      'apiserver_request_latencies',
      HELP.latencies,
      LATENCY_BUCKETS,
      this.latencies
    )
    out.push(
      `# HELP apiserver_request_latencies_summary ${HELP.summary}`,
      '# TYPE apiserver_request_latencies_summary summary'
    )
    for (const s of [...this.summaries.values()].sort((a, b) => (a.labels < b.labels ? -1 : 1))) {
      const sorted = [...s.window].sort((a, b) => a - b)
      for (const q of QUANTILES) {
        const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
        out.push(`apiserver_request_latencies_summary{${s.labels},quantile="${q}"} ${v}`)
      }
      out.push(`apiserver_request_latencies_summary_sum{${s.labels}} ${s.sum}`)
      out.push(`apiserver_request_latencies_summary_count{${s.labels}} ${s.count}`)
    }
    return out.join('\n') + '\n'
  }

  /** Makes and keeps the label text of some labels under `values` (their joined values). */
  private text(values: string, labels: Record<string, string>): string {
    // Bounded like the series themselves would not be: a flood of user agents only costs time.
    if (this.texts.size >= 10_000) this.texts.clear()
    const t = labelText(labels)
    this.texts.set(values, t)
    return t
  }
}

function observe(map: Map<string, Histogram>, key: string, buckets: number[], v: number): void {
  const h = map.get(key) ?? { labels: key, counts: buckets.map(() => 0), sum: 0, count: 0 }
  for (let i = 0; i < buckets.length; i++) if (v <= buckets[i]!) h.counts[i]!++
  h.sum += v
  h.count++
  map.set(key, h)
}

function renderHistogram(
  out: string[],
  name: string,
  help: string,
  buckets: number[],
  series: Map<string, Histogram>
): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`)
  for (const h of [...series.values()].sort((a, b) => (a.labels < b.labels ? -1 : 1))) {
    buckets.forEach((b, i) =>
      out.push(`${name}_bucket{${h.labels},le="${goFloat(b)}"} ${h.counts[i]}`)
    )
    out.push(`${name}_bucket{${h.labels},le="+Inf"} ${h.count}`)
    out.push(`${name}_sum{${h.labels}} ${h.sum}`, `${name}_count{${h.labels}} ${h.count}`)
  }
}

// Go's strconv.FormatFloat(v, 'g', -1, 64), as Prometheus' Go client writes `le`: 1e+06.
function goFloat(v: number): string {
  return v >= 1e6 ? v.toExponential().replace(/e\+?(\d)$/, 'e+0$1') : String(v)
}

// Label pairs in name order, values escaped as the text format wants.
function labelText(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map(
      (k) =>
        `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
    )
    .join(',')
}
