/** The servicegraph's `/force/forcegraph.html`: a force-directed graph page in plain JS (no CDN). */

/** Returns the page's HTML; its script fetches `/d3graph` with the page's own query string. */
export function forcegraphPage(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Istio Service Graph (onap-mesh-lab)</title>
<style>
body{font-family:sans-serif;margin:0;background:#fafafa}
header{background:#2d3e50;color:#fff;padding:8px 16px;font-size:15px}
#status{font-size:12px;color:#555;padding:4px 16px}
svg{width:100vw;height:calc(100vh - 70px);display:block}
.link{stroke:#888;stroke-width:1.5px}
.node circle{fill:#4a90d9;stroke:#fff;stroke-width:2px}
.node text,.link-label{font-size:12px;fill:#222}
</style></head>
<body><header>Istio Service Graph — force layout (onap-mesh-lab; data from <code>/d3graph</code>)</header>
<div id="status">loading…</div>
<svg id="graph"><defs><marker id="arrow" viewBox="0 0 10 10" refX="22" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#888"/></marker></defs><g id="links"></g><g id="nodes"></g></svg>
<script>
const NS = 'http://www.w3.org/2000/svg'
const svg = document.getElementById('graph')
let state = { nodes: [], links: [] }
function el(name, attrs, text) {
  const e = document.createElementNS(NS, name)
  for (const k in attrs) e.setAttribute(k, attrs[k])
  if (text !== undefined) e.textContent = text
  return e
}
function layout(data) {
  const old = new Map(state.nodes.map((n) => [n.name, n]))
  const w = svg.clientWidth || 800, h = svg.clientHeight || 600
  const nodes = data.nodes.map((n, i) => old.get(n.name) || { name: n.name, x: w / 2 + 150 * Math.cos(i), y: h / 2 + 150 * Math.sin(i), vx: 0, vy: 0 })
  const links = data.links.map((l) => ({ source: nodes[l.source], target: nodes[l.target], labels: l.labels }))
  for (let step = 0; step < 300; step++) {
    for (const a of nodes) for (const b of nodes) {
      if (a === b) continue
      const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 25)
      a.vx += (dx / d2) * 900; a.vy += (dy / d2) * 900
    }
    for (const l of links) {
      const dx = l.target.x - l.source.x, dy = l.target.y - l.source.y
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1), f = (d - 180) * 0.02
      l.source.vx += (dx / d) * f; l.source.vy += (dy / d) * f
      l.target.vx -= (dx / d) * f; l.target.vy -= (dy / d) * f
    }
    for (const n of nodes) {
      n.vx += (w / 2 - n.x) * 0.005; n.vy += (h / 2 - n.y) * 0.005
      n.x = Math.min(w - 100, Math.max(100, n.x + n.vx * 0.5)); n.y = Math.min(h - 30, Math.max(30, n.y + n.vy * 0.5))
      n.vx *= 0.6; n.vy *= 0.6
    }
  }
  state = { nodes, links }
}
function draw() {
  const gl = document.getElementById('links'), gn = document.getElementById('nodes')
  gl.replaceChildren(); gn.replaceChildren()
  for (const l of state.links) {
    const g = el('g', { class: 'link-group', 'data-source': l.source.name, 'data-target': l.target.name })
    g.appendChild(el('line', { class: 'link', x1: l.source.x, y1: l.source.y, x2: l.target.x, y2: l.target.y, 'marker-end': 'url(#arrow)' }))
    const label = Object.entries(l.labels).map(([k, v]) => k + ': ' + v).join(', ')
    g.appendChild(el('text', { class: 'link-label', x: (l.source.x + l.target.x) / 2, y: (l.source.y + l.target.y) / 2 - 4 }, label))
    gl.appendChild(g)
  }
  for (const n of state.nodes) {
    const g = el('g', { class: 'node', 'data-name': n.name, transform: 'translate(' + n.x + ',' + n.y + ')' })
    g.appendChild(el('circle', { r: 12 }))
    g.appendChild(el('text', { x: 16, y: 4 }, n.name))
    gn.appendChild(g)
  }
}
async function refresh() {
  try {
    const res = await fetch('/d3graph' + location.search)
    if (!res.ok) throw new Error(res.status + ' ' + (await res.text()))
    const data = await res.json()
    layout(data); draw()
    document.getElementById('status').textContent = data.nodes.length + ' nodes, ' + data.links.length + ' edges — updated ' + new Date().toLocaleTimeString()
  } catch (e) {
    document.getElementById('status').textContent = 'error: ' + e.message
  }
}
refresh(); setInterval(refresh, 5000)
</script></body></html>
`
}
