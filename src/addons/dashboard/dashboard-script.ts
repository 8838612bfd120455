/** The browser script of the lab's dashboard page (plain JS, no libraries), as a string. */

/** Returns the script; it reads `window.LAB_DASHBOARDS` and queries the datasource proxy. */
export function dashboardScript(): string {
  return String.raw`
const API = '/api/datasources/proxy/1/api/v1/'
const boards = window.LAB_DASHBOARDS
const uid = (location.pathname.match(/^\/d\/([^/]+)/) || [])[1] || '1'
const board = boards.find((b) => b.uid === uid) || boards[0]
const params = new URLSearchParams(location.search)
let range = params.get('from') || '5m'
const vars = {}
const $ = (id) => document.getElementById(id)
const rangeSeconds = { '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '3h': 10800 }
const colors = ['#7eb26d', '#eab839', '#6ed0e0', '#ef843c', '#e24d42', '#1f78c1', '#ba43a9', '#705da0']

async function api(path, q) {
  const u = new URLSearchParams(q)
  const res = await fetch(API + path + '?' + u.toString())
  const body = await res.json()
  if (body.status !== 'success') throw new Error(body.error || res.statusText)
  return body.data.result
}
const subst = (expr) => expr.replace(/\$(\w+)/g, (_, n) => (vars[n] === undefined ? '.*' : vars[n].replace(/[.*+?^()|[\]\\{}]/g, '\\$&')))
function fmt(v, unit) {
  if (v === undefined || Number.isNaN(v)) return 'N/A'
  if (unit === 'percentunit') return (v * 100).toFixed(1) + '%'
  if (unit === 's') return v < 1 ? (v * 1000).toFixed(1) + ' ms' : v.toFixed(2) + ' s'
  if (unit === 'ops') return v.toFixed(3) + ' ops'
  return String(v)
}
const legendOf = (fmtStr, metric) => (fmtStr || JSON.stringify(metric)).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n) => metric[n] || '')

function sparkline(svg, series, color) {
  const w = 260, h = 40
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h)
  svg.replaceChildren()
  const pts = series.filter((p) => Number.isFinite(p[1]))
  if (pts.length < 2) return
  const t0 = pts[0][0], t1 = pts[pts.length - 1][0], max = Math.max(...pts.map((p) => p[1]), 1e-9)
  const poly = document.createElementNS('http://www.w3.org/2000/svg', 'polyline')
  poly.setAttribute('points', pts.map((p) => ((p[0] - t0) / (t1 - t0 || 1)) * w + ',' + (h - 2 - (p[1] / max) * (h - 4))).join(' '))
  poly.setAttribute('fill', 'none'); poly.setAttribute('stroke', color); poly.setAttribute('stroke-width', '1.5')
  svg.appendChild(poly)
}

function drawGraph(el, results, unit) {
  const svg = el.querySelector('svg'), legend = el.querySelector('.legend')
  const w = 560, h = 180
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h)
  svg.replaceChildren(); legend.replaceChildren()
  const all = results.flatMap((r) => r.values.map((v) => [v[0], Number(v[1])])).filter((p) => Number.isFinite(p[1]))
  if (all.length === 0) { legend.textContent = 'No data points'; return }
  const t0 = Math.min(...all.map((p) => p[0])), t1 = Math.max(...all.map((p) => p[0]))
  const max = Math.max(...all.map((p) => p[1]), 1e-9)
  results.forEach((r, i) => {
    const pts = r.values.map((v) => [v[0], Number(v[1])]).filter((p) => Number.isFinite(p[1]))
    const poly = document.createElementNS('http://www.w3.org/2000/svg', 'polyline')
    poly.setAttribute('points', pts.map((p) => (40 + ((p[0] - t0) / (t1 - t0 || 1)) * (w - 50)) + ',' + (h - 15 - (p[1] / max) * (h - 30))).join(' '))
    poly.setAttribute('fill', 'none'); poly.setAttribute('stroke', colors[i % colors.length]); poly.setAttribute('stroke-width', '1.5')
    svg.appendChild(poly)
    const item = document.createElement('span')
    item.className = 'legend-item'
    item.innerHTML = '<i style="background:' + colors[i % colors.length] + '"></i>'
    item.append(r.legend + ' (last ' + fmt(pts.length ? pts[pts.length - 1][1] : NaN, unit) + ')')
    legend.appendChild(item)
  })
  const axis = document.createElementNS('http://www.w3.org/2000/svg', 'text')
  axis.setAttribute('x', '2'); axis.setAttribute('y', '14'); axis.setAttribute('class', 'axis')
  axis.textContent = fmt(max, unit)
  svg.appendChild(axis)
}

function rangeQuery(expr) {
  const now = Date.now() / 1000, span = rangeSeconds[range] || 300
  return api('query_range', { query: subst(expr), start: String(now - span), end: String(now), step: String(Math.max(5, Math.round(span / 60))) })
}

async function renderPanel(panel, el) {
  const err = el.querySelector('.err')
  err.textContent = ''
  try {
    if (panel.kind === 'stat') {
      const [instant, series] = await Promise.all([api('query', { query: subst(panel.targets[0].expr) }), rangeQuery(panel.targets[0].expr)])
      const v = instant.length ? Number(instant[0].value[1]) : NaN
      el.querySelector('.value').textContent = fmt(v, panel.unit)
      el.dataset.value = String(v)
      sparkline(el.querySelector('svg'), series.length ? series[0].values.map((p) => [p[0], Number(p[1])]) : [], '#7eb26d')
    } else if (panel.kind === 'graph') {
      const results = []
      for (const t of panel.targets) for (const r of await rangeQuery(t.expr)) results.push({ legend: legendOf(t.legend, r.metric), values: r.values })
      drawGraph(el, results, panel.unit)
    } else {
      const cols = await Promise.all(panel.targets.map((t) => api('query', { query: subst(t.expr) })))
      const key = (m) => m.destination_workload + '.' + m.destination_workload_namespace
      const rows = new Map()
      cols[0].forEach((r) => rows.set(key(r.metric), { metric: r.metric, cells: [Number(r.value[1])] }))
      cols.slice(1).forEach((col, i) => col.forEach((r) => { const row = rows.get(key(r.metric)); if (row) row.cells[i + 1] = Number(r.value[1]) }))
      const tbody = el.querySelector('tbody')
      tbody.replaceChildren()
      for (const row of rows.values()) {
        const tr = document.createElement('tr')
        const m = row.metric
        const link = '/d/UbsSZTDik/istio-workload-dashboard?var-workload=' + encodeURIComponent(m.destination_workload) + '&var-namespace=' + encodeURIComponent(m.destination_workload_namespace)
        const cells = [m.destination_workload_var, m.destination_service, fmt(row.cells[0], 'ops'), fmt(row.cells[1], 's'), fmt(row.cells[2], 's'), fmt(row.cells[3], 's'), fmt(row.cells[4], 'percentunit')]
        cells.forEach((c, i) => { const td = document.createElement('td'); if (i === 0) { const a = document.createElement('a'); a.href = link; a.textContent = c; td.appendChild(a) } else td.textContent = c; tr.appendChild(td) })
        tbody.appendChild(tr)
      }
      if (rows.size === 0) tbody.innerHTML = '<tr><td colspan="7">No data</td></tr>'
    }
  } catch (e) {
    err.textContent = 'query failed: ' + e.message
  }
}

function build() {
  document.title = board.title + ' — onap-mesh-lab (not Grafana)'
  $('title').textContent = board.title
  $('nav').replaceChildren(...boards.map((b) => { const a = document.createElement('a'); a.href = '/d/' + b.uid + '/' + b.slug; a.textContent = b.title; if (b === board) a.className = 'active'; return a }))
  const sel = $('range')
  sel.value = range
  sel.onchange = () => { range = sel.value; refresh() }
  const grid = $('panels')
  grid.replaceChildren()
  board.panels.forEach((p) => {
    const el = document.createElement('section')
    el.className = 'panel ' + p.kind
    el.dataset.panel = p.title
    el.innerHTML = '<h3></h3><div class="err"></div>' + (p.kind === 'stat' ? '<div class="value">…</div><svg class="spark"></svg>' : p.kind === 'graph' ? '<svg class="graph"></svg><div class="legend"></div>' : '<table><thead><tr><th>Workload</th><th>Service</th><th>Requests</th><th>P50 Latency</th><th>P90 Latency</th><th>P99 Latency</th><th>Success Rate</th></tr></thead><tbody></tbody></table>')
    el.querySelector('h3').textContent = p.title
    grid.appendChild(el)
    p.el = el
  })
}

async function loadVariables() {
  const v = board.variable
  if (!v) return
  const box = $('vars')
  box.replaceChildren()
  let results = []
  try { results = await api('query', { query: v.expr }) } catch (e) { $('source').textContent = 'query failed: ' + e.message }
  const label = v.names[0]
  const wantedLabel = { service: 'destination_service', workload: 'destination_workload', namespace: 'destination_workload_namespace' }
  const options = [...new Set(results.map((r) => v.names.map((n) => r.metric[wantedLabel[n]]).join('|')))].sort()
  const sel = document.createElement('select')
  sel.id = 'var-' + label
  for (const o of options) { const opt = document.createElement('option'); opt.value = o; opt.textContent = o.replace('|', ' / '); sel.appendChild(opt) }
  const fromUrl = v.names.map((n) => params.get('var-' + n)).join('|')
  if (options.includes(fromUrl)) sel.value = fromUrl
  const apply = () => { const parts = sel.value.split('|'); v.names.forEach((n, i) => { vars[n] = parts[i] }) }
  if (options.length) apply()
  sel.onchange = () => { apply(); refresh() }
  const lab = document.createElement('label')
  lab.textContent = v.names.join(' / ') + ' '
  lab.appendChild(sel)
  box.appendChild(lab)
}

async function refresh() {
  await Promise.all(board.panels.map((p) => renderPanel(p, p.el)))
  $('updated').textContent = 'updated ' + new Date().toLocaleTimeString()
}

async function main() {
  build()
  try {
    const ds = await (await fetch('/api/lab/datasource')).json()
    $('source').textContent = 'data: ' + ds.description
  } catch (e) { $('source').textContent = 'data source unknown' }
  await loadVariables()
  await refresh()
  setInterval(refresh, board.refreshSeconds * 1000)
}
main()
`
}
