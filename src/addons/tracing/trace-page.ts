/**
 * The lab's trace page on the tracing Service (`/`): lists services and operations, searches traces
 * through Jaeger's query API and draws a trace's spans on a timeline. Plain JS, no CDN.
 */

const css = `
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;color:#222;background:#f5f5f5}
header{background:#1b1b1b;color:#fff;padding:8px 16px;font-size:16px}header small{color:#aaa;margin-left:8px}
.layout{display:grid;grid-template-columns:300px 1fr;gap:12px;padding:12px}
form,#results,#trace{background:#fff;border:1px solid #ddd;padding:10px}
label{display:block;margin:6px 0 2px;font-size:12px;color:#555}select,input,button{width:100%;padding:4px}
button{margin-top:10px;background:#11939a;color:#fff;border:0;padding:6px;cursor:pointer}
.result{border-bottom:1px solid #eee;padding:6px;cursor:pointer}.result:hover{background:#f0f8f8}
.result .meta{color:#777;font-size:12px}
.span-row{display:grid;grid-template-columns:320px 1fr;align-items:center;border-bottom:1px solid #f0f0f0;min-height:24px}
.span-name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:12px}
.bar-track{position:relative;height:14px}.bar{position:absolute;height:14px;background:#11939a;border-radius:2px;min-width:2px}
.bar.error{background:#e24d42}.tags{font-size:11px;color:#555;grid-column:1/-1;padding:2px 0 6px 12px;display:none}
.span-row.open .tags{display:block}
`

const script = String.raw`
const $ = (id) => document.getElementById(id)
async function api(path) {
  const res = await fetch(path)
  const body = await res.json()
  if (body.errors && body.errors.length) throw new Error(body.errors[0].msg)
  return body.data
}
async function loadServices() {
  const services = await api('/api/services')
  $('service').replaceChildren(...services.map((s) => new Option(s, s)))
  const want = new URLSearchParams(location.search).get('service')
  if (want && services.includes(want)) $('service').value = want
  await loadOperations()
}
async function loadOperations() {
  const s = $('service').value
  const ops = s ? await api('/api/services/' + encodeURIComponent(s) + '/operations') : []
  $('operation').replaceChildren(new Option('all', ''), ...ops.map((o) => new Option(o, o)))
}
const serviceOf = (t, span) => t.processes[span.processID].serviceName
const rootOf = (t) => t.spans.find((s) => s.references.length === 0) || t.spans[0]
async function search(ev) {
  if (ev) ev.preventDefault()
  const q = new URLSearchParams({ service: $('service').value, limit: $('limit').value, lookback: $('lookback').value })
  if ($('operation').value) q.set('operation', $('operation').value)
  if ($('tags').value.trim()) q.set('tags', JSON.stringify(Object.fromEntries($('tags').value.trim().split(/\s+/).map((kv) => kv.split('=')))))
  if ($('minDuration').value) q.set('minDuration', $('minDuration').value)
  const list = $('results')
  try {
    const traces = await api('/api/traces?' + q.toString())
    list.replaceChildren()
    const h = document.createElement('h3'); h.textContent = traces.length + ' Traces'; list.appendChild(h)
    for (const t of traces) {
      const root = rootOf(t)
      const div = document.createElement('div')
      div.className = 'result'
      div.dataset.traceId = t.traceID
      const services = [...new Set(t.spans.map((s) => serviceOf(t, s)))]
      const start = Math.min(...t.spans.map((s) => s.startTime)), end = Math.max(...t.spans.map((s) => s.startTime + s.duration))
      div.innerHTML = '<b></b><div class="meta"></div>'
      div.querySelector('b').textContent = serviceOf(t, root) + ': ' + root.operationName
      div.querySelector('.meta').textContent = t.spans.length + ' spans · ' + services.join(', ') + ' · ' + ((end - start) / 1000).toFixed(2) + ' ms · ' + new Date(start / 1000).toLocaleTimeString() + ' · ' + t.traceID
      div.onclick = () => showTrace(t.traceID)
      list.appendChild(div)
    }
  } catch (e) {
    list.textContent = 'search failed: ' + e.message
  }
}
async function showTrace(id) {
  history.replaceState(null, '', '/trace/' + id)
  const [t] = await api('/api/traces/' + id)
  const box = $('trace')
  box.replaceChildren()
  const start = Math.min(...t.spans.map((s) => s.startTime)), end = Math.max(...t.spans.map((s) => s.startTime + s.duration))
  const total = Math.max(end - start, 1)
  const h = document.createElement('h3')
  h.textContent = 'Trace ' + t.traceID + ' — ' + t.spans.length + ' spans, ' + (total / 1000).toFixed(2) + ' ms'
  box.appendChild(h)
  const children = new Map()
  for (const s of t.spans) { const p = s.references[0] ? s.references[0].spanID : ''; children.set(p, [...(children.get(p) || []), s]) }
  const ids = new Set(t.spans.map((s) => s.spanID))
  const roots = t.spans.filter((s) => !s.references.length || !ids.has(s.references[0].spanID))
  const walk = (s, depth) => {
    const row = document.createElement('div')
    row.className = 'span-row'
    row.dataset.spanId = s.spanID
    row.dataset.service = serviceOf(t, s)
    row.dataset.parent = s.references[0] ? s.references[0].spanID : ''
    const err = s.tags.some((g) => g.key === 'error' && String(g.value) === 'true')
    row.innerHTML = '<div class="span-name"></div><div class="bar-track"><div class="bar"></div></div><div class="tags"></div>'
    row.querySelector('.span-name').style.paddingLeft = depth * 14 + 'px'
    row.querySelector('.span-name').textContent = serviceOf(t, s) + ' — ' + s.operationName + ' (' + (s.duration / 1000).toFixed(2) + ' ms)'
    const bar = row.querySelector('.bar')
    bar.style.left = ((s.startTime - start) / total) * 100 + '%'
    bar.style.width = (s.duration / total) * 100 + '%'
    if (err) bar.classList.add('error')
    row.querySelector('.tags').textContent = s.tags.map((g) => g.key + '=' + g.value).join('  ')
    row.onclick = () => row.classList.toggle('open')
    box.appendChild(row)
    for (const c of (children.get(s.spanID) || []).sort((a, b) => a.startTime - b.startTime)) if (c !== s) walk(c, depth + 1)
  }
  roots.sort((a, b) => a.startTime - b.startTime).forEach((r) => walk(r, 0))
}
$('service').onchange = loadOperations
$('search').onsubmit = search
loadServices().then(() => {
  const m = location.pathname.match(/^\/trace\/([0-9a-f]+)/)
  if (m) showTrace(m[1])
  else if ($('service').value) search()
}).catch((e) => { $('results').textContent = 'failed to load services: ' + e.message })
`

/** Returns the trace page's HTML. */
export function tracePage(): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Traces — onap-mesh-lab (Jaeger 1.5 API)</title><style>${css}</style></head>
<body><header>Traces<small>onap-mesh-lab's page over the Jaeger 1.5 query API (not the Jaeger UI)</small></header>
<div class="layout">
<form id="search">
<label for="service">Service</label><select id="service"></select>
<label for="operation">Operation</label><select id="operation"></select>
<label for="tags">Tags (key=value …)</label><input id="tags" placeholder="http.status_code=503">
<label for="lookback">Lookback</label><select id="lookback"><option value="1h">Last hour</option><option value="2h">Last 2 hours</option><option value="6h">Last 6 hours</option><option value="24h">Last day</option></select>
<label for="minDuration">Min duration</label><input id="minDuration" placeholder="10ms">
<label for="limit">Limit results</label><input id="limit" type="number" value="20">
<button type="submit">Find Traces</button>
</form>
<div><div id="results"></div><div id="trace"></div></div>
</div>
<script>${script}</script></body></html>
`
}
