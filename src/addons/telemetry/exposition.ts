/**
 * Prometheus text exposition (format 0.0.4) of the telemetry store, as Mixer 1.0's Prometheus
 * adapter (client_golang) writes it: families sorted by name, empty ones left out, `HELP` the bare
 * metric name, label pairs sorted by name, `le` last, floats as Go prints them.
 */
import { goFloat } from './go-float.js'
import type { Series, TelemetryStore } from './telemetry-store.js'

/** The Content-Type of the text exposition. */
export const expositionContentType = 'text/plain; version=0.0.4; charset=utf-8'

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')

/** Renders label pairs sorted by name, then extra pairs (e.g. `le`) in the given order. */
export function renderLabels(
  labels: Record<string, string>,
  extra: [string, string][] = []
): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k): [string, string] => [k, labels[k] ?? ''])
    .concat(extra)
  if (pairs.length === 0) return ''
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`
}

// client_golang sorts a family's metrics by their label values (in label-name order).
const compareSeries = (a: Series, b: Series): number => {
  for (const k of Object.keys(a.labels).sort()) {
    const x = a.labels[k] ?? ''
    const y = b.labels[k] ?? ''
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Returns the store's metrics in the text exposition format. */
export function renderExposition(store: TelemetryStore, prefixHelp = 'istio_'): string {
  const out: string[] = []
  const families = store.families().sort((a, b) => (a.def.name < b.def.name ? -1 : 1))
  for (const { def, series } of families) {
    if (series.length === 0) continue
    out.push(`# HELP ${def.name} ${def.name.slice(prefixHelp.length)}`)
    out.push(`# TYPE ${def.name} ${def.kind}`)
    for (const s of [...series].sort(compareSeries)) {
      if (def.kind === 'counter') {
        out.push(`${def.name}${renderLabels(s.labels)} ${goFloat(s.count)}`)
        continue
      }
      ;(def.buckets ?? []).forEach((b, i) => {
        const lbl = renderLabels(s.labels, [['le', goFloat(b)]])
        out.push(`${def.name}_bucket${lbl} ${goFloat(s.buckets[i] ?? 0)}`)
      })
      out.push(`${def.name}_bucket${renderLabels(s.labels, [['le', '+Inf']])} ${goFloat(s.count)}`)
      out.push(`${def.name}_sum${renderLabels(s.labels)} ${goFloat(s.sum)}`)
      out.push(`${def.name}_count${renderLabels(s.labels)} ${goFloat(s.count)}`)
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}
