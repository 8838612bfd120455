/**
 * The lab's rendering of the service graph as SVG for `/dotviz` (no Graphviz): nodes in layers by
 * their distance from the callers that nothing calls, edges as arrows labelled like the dot source.
 */
import type { Graph } from './service-graph.js'

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Returns each node's layer: 0 for nodes without callers, else one past its deepest caller. */
export function layers(g: Graph): Map<string, number> {
  const names = Object.keys(g.nodes)
  const rank = new Map(names.map((n) => [n, 0]))
  // Bellman-Ford style relaxation, bounded so cycles cannot loop forever.
  for (let pass = 0; pass < names.length; pass++) {
    let changed = false
    for (const e of g.edges) {
      if (e.source === e.target) continue
      const want = (rank.get(e.source) ?? 0) + 1
      if (want > (rank.get(e.target) ?? 0) && want < names.length) {
        rank.set(e.target, want)
        changed = true
      }
    }
    if (!changed) break
  }
  return rank
}

/** Renders the graph as an SVG document. */
export function graphToSvg(g: Graph): string {
  const rank = layers(g)
  const rows = new Map<number, string[]>()
  for (const n of Object.keys(g.nodes))
    rows.set(rank.get(n) ?? 0, [...(rows.get(rank.get(n) ?? 0) ?? []), n])
  const boxW = 220
  const boxH = 36
  const gapX = 40
  const gapY = 90
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length))
  const width = widest * (boxW + gapX) + gapX
  const height = Math.max(1, rows.size) * (boxH + gapY) + gapY / 2
  const pos = new Map<string, { x: number; y: number }>()
  for (const [r, names] of rows) {
    const offset = (width - names.length * (boxW + gapX) + gapX) / 2
    names.forEach((n, i) =>
      pos.set(n, { x: offset + i * (boxW + gapX), y: gapY / 2 + r * (boxH + gapY) })
    )
  }
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
  ]
  for (const e of g.edges) {
    const a = pos.get(e.source)
    const b = pos.get(e.target)
    if (!a || !b) continue
    const x1 = a.x + boxW / 2
    const y1 = a.y + boxH
    const x2 = b.x + boxW / 2
    const y2 = b.y
    const label = Object.entries(e.labels)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')
    parts.push(
      `<g class="edge"><title>${esc(e.source)} -&gt; ${esc(e.target)}</title><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#555" marker-end="url(#arrow)"/>` +
        `<text x="${(x1 + x2) / 2 + 6}" y="${(y1 + y2) / 2}" fill="#333">${esc(label)}</text></g>`
    )
  }
  for (const [n, p] of pos) {
    parts.push(
      `<g class="node"><title>${esc(n)}</title><rect x="${p.x}" y="${p.y}" width="${boxW}" height="${boxH}" rx="6" fill="#eef4fb" stroke="#336"/>` +
        `<text x="${p.x + boxW / 2}" y="${p.y + boxH / 2 + 4}" text-anchor="middle">${esc(n)}</text></g>`
    )
  }
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}
