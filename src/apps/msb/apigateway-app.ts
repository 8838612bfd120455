import {
  copyHeaders,
  type AppContext,
  type HttpRequest,
  type HttpResponse,
  type TlsWire,
} from '../../network/index.js'
import type { AppFactory } from '../types.js'
import { msbErrorPage, nginxBadGateway, GatewayErrors } from './error-pages.js'
import { json, parseJson, target, text } from './http-reply.js'
import type { MicroService } from './micro-service.js'
import { portalPage } from './portal-page.js'
import { matchGatewayRoute } from './route-match.js'
import { buildRouteTable, type MsbRoute, type RouteTable } from './route-table.js'

/** What the gateway is built with. */
export interface ApigatewayOptions {
  /** Carries TLS connections to `enable_ssl` backends; without it they are reached over plain HTTP. */
  tls?: TlsWire
}

/**
 * Returns msb-iag / msb-eag (openresty + apiroute): routes `/api/<name>/vN/…`, `/api/vN/<name>/…`,
 * `/iui/<name>/…` and custom paths to the registered nodes (upstream path = registered url +
 * rest), over TLS to `enable_ssl` nodes (`o.tls`), with MSB's 502 pages for no route / no
 * backend; `/msb` redirects to the portal, which it serves itself with the apiroute API. Routes
 * come from msb-discovery (`SDCLIENT_IP`), filtered by `ROUTE_LABELS`, refreshed when older than
 * `syncMs` (config, default 1000).
 */
export const createApigatewayApp =
  (o: ApigatewayOptions = {}): AppFactory =>
  (inst) => {
    const discoveryHost = inst.env.SDCLIENT_IP ?? `msb-discovery.${inst.pod.namespace}`
    const routeLabels = inst.env.ROUTE_LABELS ?? 'visualRange:1'
    const syncMs = typeof inst.config.syncMs === 'number' ? inst.config.syncMs : 1000
    const discovery = { ip: discoveryHost, port: '10081' }
    let services: MicroService[] = []
    let table: RouteTable = buildRouteTable([], routeLabels, discovery)
    let syncedAt = -Infinity
    let syncing: Promise<void> | undefined
    const counters = new Map<MsbRoute, number>()

    const sync = async () => {
      try {
        const res = await inst.fetch(
          `http://${discoveryHost}:10081/api/microservices/v1/services`,
          {
            timeoutMs: 5000,
          }
        )
        const list = parseJson(res)
        if (res.status === 200 && Array.isArray(list)) {
          services = (list as MicroService[]).filter((s) => typeof s.serviceName === 'string')
          table = buildRouteTable(services, routeLabels, discovery)
        } else inst.log(`[warn] route sync: msb-discovery answered ${res.status}`)
      } catch (err) {
        inst.log(`[warn] route sync: ${err instanceof Error ? err.message : String(err)}`)
      }
      syncedAt = Date.now()
    }
    const fresh = async () => {
      if (Date.now() - syncedAt < syncMs) return
      syncing ??= sync().finally(() => (syncing = undefined))
      await syncing
    }

    const local = (req: HttpRequest, pathname: string): HttpResponse => {
      if (
        pathname === '/iui/microservices/default.html' ||
        pathname === '/iui/microservices/index.html' ||
        pathname === '/iui/microservices/' ||
        pathname === '/iui/microservices'
      )
        return text(200, portalPage(visible()), 'text/html; charset=utf-8', { server: 'openresty' })
      if (req.method !== 'GET') return text(405, 'HTTP 405 Method Not Allowed')
      if (pathname === '/api/microservices/v1/services')
        return json(200, visible(), { server: 'openresty' })
      const kind = /^\/api\/microservices\/v1\/(apiRoute|iuiRoute|customRoute)$/.exec(pathname)?.[1]
      if (kind) {
        const routes =
          kind === 'apiRoute'
            ? [...table.api.values()]
            : kind === 'iuiRoute'
              ? [...table.iui.values()]
              : table.custom
        return json(200, routes.map(routeInfo), { server: 'openresty' })
      }
      return text(404, 'HTTP 404 Not Found')
    }
    const visible = () =>
      services.filter(
        (s) =>
          table.api.has(`${s.serviceName}:${s.version}`) ||
          table.iui.has(s.serviceName) ||
          table.custom.some((r) => r.serviceName === s.serviceName)
      )

    const handle = async (req: HttpRequest, ctx: AppContext): Promise<HttpResponse> => {
      const t = target(req)
      if (t.pathname === '/msb')
        return {
          status: 302,
          headers: {
            location: '/iui/microservices/default.html',
            'content-type': 'text/html',
            server: 'openresty',
          },
          body: Buffer.from(
            '<html>\r\n<head><title>302 Found</title></head>\r\n<body bgcolor="white">\r\n<center><h1>302 Found</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n'
          ),
        }
      // Fresh routes need no await (a promise and a turn of the microtask queue per request).
      if (Date.now() - syncedAt >= syncMs) await fresh()
      const m = matchGatewayRoute(table, t.pathname)
      if (!m) return msbErrorPage(GatewayErrors.noRoute)
      if (m.route.backend.kind === 'local') return local(req, m.upstreamPath)
      const nodes = m.route.status === '1' ? m.route.backend.nodes : []
      if (nodes.length === 0) return msbErrorPage(GatewayErrors.noBackend)
      const n = pick(m.route, nodes.length, ctx)
      const node = nodes[n] ?? nodes[0]
      if (!node) return msbErrorPage(GatewayErrors.noBackend)
      // The pod network carries http exchanges; an enable_ssl node's TLS rides inside one (TlsWire).
      const url = `http://${node.ip}:${node.port}${m.upstreamPath}${t.search}`
      const up: HttpRequest = {
        method: req.method,
        path: `${m.upstreamPath}${t.search}`,
        authority: `${node.ip}:${node.port}`,
        headers: forwardHeaders(req, ctx),
        body: req.body,
      }
      try {
        const res =
          m.route.enableSsl && o.tls ? await overTls(o.tls, up, url, ctx) : await send(up, url, ctx)
        const headers = copyHeaders(res.headers)
        headers.server = 'openresty'
        return { ...res, headers }
      } catch (err) {
        ctx.log(`[error] upstream ${url}: ${err instanceof Error ? err.message : String(err)}`)
        return nginxBadGateway()
      }
    }

    const pick = (route: MsbRoute, n: number, ctx: AppContext): number => {
      if (route.lbPolicy === 'ip_hash') {
        const ip = ctx.from.kind === 'host' ? ctx.from.ip : ctx.from.pod.ip
        let h = 0
        for (const ch of ip) h = (h * 31 + ch.charCodeAt(0)) >>> 0
        return h % n
      }
      const c = counters.get(route) ?? 0
      counters.set(route, c + 1)
      return c % n
    }

    return { handle }
  }

/** The gateway's default build (no TLS to `enable_ssl` backends: see createApigatewayApp). */
export const apigatewayApp: AppFactory = createApigatewayApp()

const send = (up: HttpRequest, url: string, ctx: AppContext) =>
  ctx.fetch(url, { method: up.method, headers: up.headers, body: up.body, timeoutMs: 60000 })

// proxy_pass https://…: a TLS connection to the node (SNI its address, not verified), the request
// and answer inside it. A node that answers in clear did not speak TLS: nginx's handshake error.
async function overTls(
  tls: TlsWire,
  up: HttpRequest,
  url: string,
  ctx: AppContext
): Promise<HttpResponse> {
  const d = tls.dial({ ...up, headers: { ...up.headers, host: up.authority } }, up.authority)
  try {
    await send(d.carrier, url, ctx)
  } catch (err) {
    d.abort(err instanceof Error ? err : new Error(String(err)))
    throw err
  }
  if (!d.accepted()) {
    d.abort(new Error('no TLS server'))
    throw new Error(
      'SSL_do_handshake() failed (SSL: error:1408F10B:SSL routines:ssl3_get_record:wrong version number) while SSL handshaking to upstream'
    )
  }
  return d.response
}

// A proxy forwards every header it received (trace headers included), plus X-Forwarded-For.
function forwardHeaders(req: HttpRequest, ctx: AppContext): Record<string, string> {
  const ip = ctx.from.kind === 'host' ? ctx.from.ip : ctx.from.pod.ip
  const xff = req.headers['x-forwarded-for']
  const out: Record<string, string> = {}
  // The same keys in the same order as `{ ...rest, 'x-forwarded-for': … }`, without spreads.
  for (const k in req.headers) if (k !== 'host') out[k] = req.headers[k]!
  out['x-forwarded-for'] = xff ? `${xff}, ${ip}` : ip
  return out
}

function routeInfo(r: MsbRoute): Record<string, unknown> {
  return {
    serviceName: r.serviceName,
    version: r.version,
    url: r.url,
    publishUrl: r.publishUrl,
    protocol: r.protocol,
    visualRange: r.visualRange,
    status: r.status,
    enable_ssl: r.enableSsl,
    lb_policy: r.lbPolicy,
    servers:
      r.backend.kind === 'local'
        ? [{ ip: '127.0.0.1', port: '8066', weight: 0 }]
        : r.backend.nodes.map((n) => ({ ip: n.ip, port: n.port, weight: 0 })),
  }
}
