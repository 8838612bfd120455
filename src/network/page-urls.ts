import type { KubeObject } from '../api/types.js'

/** One URL a user can open on the lab, with what it is. */
export interface PageUrl {
  title: string
  url: string
}

/** Which Services' NodePorts the page opens, and the path on each (the page's second half). */
const ADDON_PAGES: { service: string; title: string; paths: string[] }[] = [
  { service: 'grafana', title: 'Grafana', paths: ['/'] },
  { service: 'servicegraph', title: 'Service graph', paths: ['/force/forcegraph.html', '/dotviz'] },
  { service: 'tracing', title: 'Tracing', paths: ['/'] },
  // The zipkin Service (30411) is Jaeger 1.5's Zipkin collector (POST /api/v1|v2/spans): no page.
]
const GATEWAY = 'msb-iag'
const PORTAL = '/iui/microservices/default.html'
const MSB_ANNOTATION = 'msb.onap.org/service-info'

interface SvcShape {
  spec?: { type?: string; ports?: { name?: string; port?: number; nodePort?: number }[] }
}

function httpNodePort(svc: KubeObject): number | undefined {
  const spec = (svc as KubeObject & SvcShape).spec
  if (spec?.type !== 'NodePort' && spec?.type !== 'LoadBalancer') return undefined
  const ports = spec.ports ?? []
  const p =
    ports.find((x) => x.port === 80) ??
    ports.find((x) => x.name?.startsWith('http')) ??
    ports.find((x) => x.port !== 443 && x.name !== 'https')
  return p?.nodePort
}

/** Returns the swagger paths kube2msb registers for multicloud (`<url>/swagger.json` of each entry). */
function swaggerPaths(services: KubeObject[]): string[] {
  const out: string[] = []
  for (const s of services) {
    const raw = s.metadata.annotations?.[MSB_ANNOTATION]
    if (!raw) continue
    let entries: unknown
    try {
      entries = JSON.parse(raw)
    } catch {
      continue // kube2msb skips a malformed annotation; so does this listing.
    }
    if (!Array.isArray(entries)) continue
    for (const e of entries as { serviceName?: unknown; url?: unknown; protocol?: unknown }[]) {
      if (typeof e.serviceName !== 'string' || !e.serviceName.startsWith('multicloud')) continue
      if (e.protocol !== 'REST' || typeof e.url !== 'string') continue
      out.push(`${e.url.replace(/\/$/, '')}/swagger.json`)
    }
  }
  return [...new Set(out)].sort()
}

/**
 * Returns the URLs of the page a user can open on the lab, each on every node address: the MSB
 * portal and the multicloud swagger documents through msb-iag's NodePort, and the add-ons'
 * pages, each only when its Service exists with a NodePort (looked up from the Services given).
 */
export function pageUrls(services: KubeObject[], addresses: string[]): PageUrl[] {
  const out: PageUrl[] = []
  const on = (title: string, port: number, path: string) => {
    for (const a of addresses) out.push({ title, url: `http://${a}:${String(port)}${path}` })
  }
  const iag = services.find((s) => s.metadata.name === GATEWAY)
  const iagPort = iag && httpNodePort(iag)
  if (iagPort !== undefined) {
    on('MSB portal', iagPort, PORTAL)
    for (const p of swaggerPaths(services)) on('Swagger', iagPort, p)
  }
  for (const page of ADDON_PAGES) {
    const s = services.find((x) => x.metadata.name === page.service)
    const port = s && httpNodePort(s)
    if (port !== undefined) for (const p of page.paths) on(page.title, port, p)
  }
  return out
}
