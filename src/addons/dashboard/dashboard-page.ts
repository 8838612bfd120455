/** The lab's stand-in for Istio's Grafana: one HTML page that shows the 1.0 dashboards live. */
import { dashboardScript } from './dashboard-script.js'
import type { DashboardDef } from './istio-dashboards.js'

const css = `
*{box-sizing:border-box}body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,sans-serif;background:#161719;color:#d8d9da}
.titlebar{display:flex;align-items:center;gap:16px;background:#0b0c0e;padding:8px 16px;border-bottom:1px solid #333}
.titlebar h1{font-size:18px;margin:0;font-weight:500}.badge{background:#e24d42;color:#fff;border-radius:3px;padding:2px 6px;font-size:12px}
nav a{color:#8e8e8e;margin-right:12px;text-decoration:none;font-size:13px}nav a.active{color:#fff;border-bottom:2px solid #eb7b18}
.bar{display:flex;gap:16px;align-items:center;padding:8px 16px;font-size:13px;color:#9fa7b3}select{background:#222;color:#ddd;border:1px solid #444;padding:2px}
#panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:8px;padding:8px 16px}
.panel{background:#212124;border:1px solid #2f2f32;padding:8px;min-height:110px}.panel h3{margin:0 0 6px;font-size:13px;font-weight:500;text-align:center}
.panel.graph,.panel.workloads{grid-column:1/-1}.value{font-size:30px;text-align:center;color:#7eb26d}.spark{width:100%;height:40px}
.graph{width:100%;height:180px}.legend{font-size:12px}.legend-item{margin-right:12px}.legend-item i{display:inline-block;width:10px;height:4px;margin-right:4px;vertical-align:middle}
.axis{fill:#888;font-size:10px}table{width:100%;border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #333}a{color:#33b5e5}
.err{color:#e24d42;font-size:12px}
`

/** Returns the page for one of the dashboards (its script switches between them by path). */
export function dashboardPage(boards: DashboardDef[]): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>onap-mesh-lab dashboards (not Grafana)</title><style>${css}</style></head>
<body>
<div class="titlebar"><h1 id="title">Istio</h1><span class="badge">onap-mesh-lab stand-in — not Grafana</span><nav id="nav"></nav></div>
<div class="bar"><label>time range <select id="range"><option value="5m">Last 5 minutes</option><option value="15m">Last 15 minutes</option><option value="30m">Last 30 minutes</option><option value="1h">Last 1 hour</option><option value="3h">Last 3 hours</option></select></label><span id="vars"></span><span id="source"></span><span id="updated"></span></div>
<main id="panels"></main>
<script>window.LAB_DASHBOARDS = ${JSON.stringify(boards).replace(/</g, '\\u003c')}</script>
<script>${dashboardScript()}</script>
</body></html>
`
}
