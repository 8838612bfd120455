import type { MicroService } from './micro-service.js'

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Returns the table rows of the registered services (also what the page's script renders). */
export function serviceRows(services: readonly MicroService[]): string {
  if (services.length === 0) return '<tr><td colspan="6">No service registered</td></tr>'
  return [...services]
    .sort(
      (a, b) => a.serviceName.localeCompare(b.serviceName) || a.version.localeCompare(b.version)
    )
    .map((s) => {
      const nodes = s.nodes.map((n) => `${n.ip}:${n.port}`).join(' ')
      return `<tr><td>${esc(s.serviceName)}</td><td>${esc(s.version)}</td><td>${esc(s.url)}</td><td>${esc(s.protocol)}</td><td>${esc(s.visualRange)}</td><td>${esc(nodes)}</td></tr>`
    })
    .join('\n')
}

// The script re-renders the table from the gateway's own apiroute API every few seconds.
const SCRIPT = `
(function () {
  var esc = function (s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';' }) }
  function render(list) {
    list.sort(function (a, b) { return a.serviceName < b.serviceName ? -1 : a.serviceName > b.serviceName ? 1 : (a.version < b.version ? -1 : 1) })
    var rows = list.map(function (s) {
      var nodes = (s.nodes || []).map(function (n) { return n.ip + ':' + n.port }).join(' ')
      return '<tr><td>' + [s.serviceName, s.version, s.url, s.protocol, s.visualRange, nodes].map(esc).join('</td><td>') + '</td></tr>'
    })
    document.getElementById('services').innerHTML = rows.length ? rows.join('') : '<tr><td colspan="6">No service registered</td></tr>'
    document.getElementById('count').textContent = String(list.length)
    document.getElementById('updated').textContent = new Date().toISOString()
  }
  function poll() {
    var x = new XMLHttpRequest()
    x.open('GET', '/api/microservices/v1/services')
    x.onload = function () { if (x.status === 200) render(JSON.parse(x.responseText)) }
    x.send()
  }
  setInterval(poll, 3000)
})()`

/**
 * Returns the MSB portal (`/iui/microservices/default.html`): the microservices the gateway
 * knows from msb-discovery, rendered now and refreshed live by polling the gateway's
 * `/api/microservices/v1/services`. Self-contained (no CDN).
 */
export function portalPage(services: readonly MicroService[]): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Microservice Bus</title>
<style>
body { font-family: sans-serif; margin: 0 }
header { background: #1f6fb2; color: #fff; padding: 12px 20px; font-size: 20px }
main { padding: 16px 20px }
table { border-collapse: collapse; width: 100% }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; font-size: 14px }
th { background: #eef3f8 }
</style>
</head>
<body>
<header>Microservice Bus · Service Discovery</header>
<main>
<p><span id="count">${services.length}</span> services registered · updated <span id="updated">${new Date().toISOString()}</span></p>
<table>
<thead><tr><th>Service Name</th><th>Version</th><th>URL</th><th>Protocol</th><th>Visual Range</th><th>Nodes</th></tr></thead>
<tbody id="services">
${serviceRows(services)}
</tbody>
</table>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}
