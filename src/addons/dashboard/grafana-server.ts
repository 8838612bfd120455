/**
 * The grafana app on :3000: the lab's dashboard page at `/d/<uid>/<slug>` (and `/`), Grafana's
 * `/api/search` and the Prometheus datasource proxy `/api/datasources/proxy/1/…`, which forwards
 * to the real Prometheus when the lab runs one and answers from the lab's store otherwise.
 */
import type { HttpRequest, HttpResponse } from '../../network/index.js'
import { jsonReply, parseTarget, reply, textError } from '../http-reply.js'
import { forwardQueryApi, localQueryApi } from '../promql/query-api.js'
import type { TelemetryStore } from '../telemetry/telemetry-store.js'
import { dashboardPage } from './dashboard-page.js'
import { istioDashboards } from './istio-dashboards.js'

/** What the grafana stand-in reads. */
export interface GrafanaDeps {
  store: TelemetryStore
  /** Base URL of the real Prometheus on the host, when one runs. */
  prometheusUrl(): string | undefined
  now?: () => number
}

const proxyPrefix = '/api/datasources/proxy/1'

/** Answers one request to the grafana stand-in. */
export async function grafanaServe(d: GrafanaDeps, req: HttpRequest): Promise<HttpResponse> {
  const { pathname, query } = parseTarget(req)
  if (pathname === '/api/health')
    return jsonReply(200, { database: 'ok', lab: 'onap-mesh-lab dashboards (not Grafana)' })
  if (pathname === '/' || pathname === '/dashboards' || pathname === '/login')
    return reply(302, '', 'text/html', { location: '/d/1/istio-mesh-dashboard' })
  if (pathname.startsWith('/d/')) {
    const uid = pathname.split('/')[2]
    if (!istioDashboards.some((b) => b.uid === uid))
      return textError(404, `dashboard ${uid ?? ''} not found`)
    return reply(200, dashboardPage(istioDashboards), 'text/html; charset=utf-8')
  }
  if (pathname === '/api/search') {
    const q = (query.get('query') ?? '').toLowerCase()
    const hits = istioDashboards
      .filter((b) => b.title.toLowerCase().includes(q))
      .map((b, i) => ({
        id: i + 1,
        uid: b.uid,
        title: b.title,
        uri: `db/${b.slug}`,
        url: `/d/${b.uid}/${b.slug}`,
        type: 'dash-db',
        tags: [],
        isStarred: false,
      }))
    return jsonReply(200, hits)
  }
  if (pathname === '/api/lab/datasource') {
    const url = d.prometheusUrl()
    return jsonReply(
      200,
      url
        ? { kind: 'prometheus', description: 'Prometheus (the real TSDB the lab runs)' }
        : {
            kind: 'lab-store',
            description: "the lab's telemetry store (apt-get install prometheus for a real TSDB)",
          }
    )
  }
  if (pathname.startsWith(`${proxyPrefix}/`)) {
    const path = pathname.slice(proxyPrefix.length)
    const url = d.prometheusUrl()
    if (url) {
      try {
        return await forwardQueryApi(url, req, path)
      } catch (err) {
        return jsonReply(502, { message: `failed to reach prometheus: ${(err as Error).message}` })
      }
    }
    return localQueryApi(d.store, path, query, (d.now ?? Date.now)())
  }
  return textError(404, '404 page not found')
}
