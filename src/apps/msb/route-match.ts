import { apiKey, type MsbRoute, type RouteTable } from './route-table.js'

/** A request matched to a route: the route and the upstream path (registered url + rest). */
export interface GatewayMatch {
  route: MsbRoute
  upstreamPath: string
}

// msblocations.conf's location regex (reference §6.4).
const API = /^\/(api|admin|apijson)(\/[Vv]\d+(?:\.\d+)*)?\/([^/]+)(\/[Vv]\d+(?:\.\d+)*)?(.*)$/
const IUI = /^\/iui\/([^/]+)(.*)$/

/**
 * Returns the route a path (without query) goes to, as the gateway's router does: the api
 * location (`/api/<name>/vN/…` or `/api/vN/<name>/…`, key `api:<name>:<vN>`), the iui location
 * (`/iui/<name>/…`), else the custom route with the longest registered path prefix.
 */
export function matchGatewayRoute(table: RouteTable, pathname: string): GatewayMatch | undefined {
  const api = API.exec(pathname)
  if (api?.[1] === 'api' && api[3]) {
    const version = (api[2] ?? api[4] ?? '').slice(1)
    const route = table.api.get(apiKey(api[3], version))
    if (route) return { route, upstreamPath: join(route.url, api[5] ?? '') }
  }
  const iui = IUI.exec(pathname)
  if (iui?.[1]) {
    const route = table.iui.get(iui[1])
    if (route) return { route, upstreamPath: join(route.url, iui[2] ?? '') }
  }
  for (const route of table.custom) {
    const p = route.publishUrl
    if (p === '/' || pathname === p || pathname.startsWith(`${p}/`))
      return {
        route,
        upstreamPath: join(route.url, p === '/' ? pathname : pathname.slice(p.length)),
      }
  }
  return undefined
}

function join(url: string, rest: string): string {
  const base = url === '/' ? '' : url.replace(/\/$/, '')
  const out = `${base}${rest}`
  return out === '' ? '/' : out
}
