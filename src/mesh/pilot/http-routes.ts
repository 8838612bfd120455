import type { KubeObject } from '../../api/types.js'
import type { Destination, HTTPMatchRequest, HTTPRoute, StringMatch } from '../model/istio-types.js'
import { nameOf, nsOf } from '../model/mesh-objects.js'
import { durationMs } from './duration.js'
import { resolveShortname, subsetKey } from './hostname.js'
import { labelsMatch } from './instances.js'
import type { MeshService } from './service-registry.js'
import type { EnvoyStringMatch, Route, RouteMatch } from './types.js'

/** Where the routes are built for: a sidecar (gateway `mesh`) or a gateway proxy. */
export interface RouteContext {
  /** The listener port the routes serve. */
  port: number
  /** The proxy's labels (for `sourceLabels`). */
  proxyLabels: Record<string, string>
  /** `mesh`, or the gateway's `namespace/name`. */
  gateway: string
  /** Looks a service up by hostname (to pick a destination's port). */
  service(hostname: string): MeshService | undefined
}

/** The retry condition Pilot 1.0.0 sets whenever `retries.attempts` > 0. */
export const RETRY_ON = '5xx,connect-failure,refused-stream'

function envoyString(m: StringMatch | undefined): EnvoyStringMatch | undefined {
  if (!m) return undefined
  if (m.exact !== undefined) return { exact: m.exact }
  if (m.prefix !== undefined) return { prefix: m.prefix }
  if (m.regex !== undefined) return { regex: m.regex }
  return undefined
}

/** Translates one HTTPMatchRequest (`translateRouteMatch`). */
export function translateMatch(m: HTTPMatchRequest | undefined): RouteMatch {
  const out: RouteMatch = { headers: [] }
  const uri = m?.uri
  if (uri?.exact !== undefined) out.path = uri.exact
  else if (uri?.prefix !== undefined) out.prefix = uri.prefix
  else if (uri?.regex !== undefined) out.regex = uri.regex
  else out.prefix = '/'
  for (const [name, v] of Object.entries(m?.headers ?? {})) {
    // uri/scheme/method/authority keys inside `headers` are ignored by Pilot 1.0.
    if (['uri', 'scheme', 'method', 'authority'].includes(name)) continue
    const sm = envoyString(v)
    if (sm) out.headers.push({ name, match: sm })
  }
  for (const [key, name] of [
    ['method', ':method'],
    ['authority', ':authority'],
    ['scheme', ':scheme'],
  ] as const) {
    const sm = envoyString(m?.[key])
    if (sm) out.headers.push({ name, match: sm })
  }
  return out
}

function destinationCluster(d: Destination | undefined, vsNs: string, ctx: RouteContext): string {
  const host = resolveShortname(d?.host ?? '', vsNs)
  const svc = ctx.service(host)
  let port = ctx.port
  if (d?.port?.number) port = d.port.number
  else if (d?.port?.name) port = svc?.ports.find((p) => p.name === d.port?.name)?.port ?? port
  else if (svc && svc.ports.length === 1) port = svc.ports[0]!.port
  return subsetKey('outbound', d?.subset ?? '', host, port)
}

function pathOf(m: RouteMatch): string {
  if (m.path !== undefined) return m.path
  if (m.regex !== undefined) return m.regex
  if (m.prefix !== undefined && m.prefix !== '/') return `${m.prefix}*`
  return '/*'
}

function matchApplies(m: HTTPMatchRequest | undefined, ctx: RouteContext, ns: string): boolean {
  if (!m) return true
  if (m.port && m.port !== ctx.port) return false
  if (m.sourceLabels && !labelsMatch(m.sourceLabels, ctx.proxyLabels)) return false
  if (
    m.gateways?.length &&
    !m.gateways.some((g) => (g === 'mesh' ? g : resolveShortname(g, ns)) === ctx.gateway)
  )
    return false
  return true
}

/**
 * Translates the http routes of a VirtualService into Envoy routes (`TranslateRoutes`): one route
 * per match entry (OR), matches that do not apply to this port, proxy or gateway skipped.
 */
export function translateHttpRoutes(vs: KubeObject, http: HTTPRoute[], ctx: RouteContext): Route[] {
  const ns = nsOf(vs)
  const out: Route[] = []
  for (const h of http) {
    const matches = h.match?.length ? h.match : [undefined]
    for (const m of matches) {
      if (!matchApplies(m, ctx, ns)) continue
      out.push(translateRoute(vs, h, translateMatch(m), ns, ctx))
    }
  }
  return out
}

function translateRoute(
  vs: KubeObject,
  h: HTTPRoute,
  match: RouteMatch,
  ns: string,
  ctx: RouteContext
): Route {
  const route: Route = {
    match,
    timeoutMs: durationMs(h.timeout) ?? 0,
    requestHeadersToAdd: Object.entries(h.appendHeaders ?? {}).map(([key, value]) => ({
      key,
      value,
    })),
    decorator: '',
  }
  if (h.redirect) {
    route.redirect = {
      ...(h.redirect.uri ? { pathRedirect: h.redirect.uri } : {}),
      ...(h.redirect.authority ? { hostRedirect: h.redirect.authority } : {}),
    }
  } else {
    const dests = h.route ?? []
    const weighted =
      dests.length === 1
        ? [{ d: dests[0]!, weight: 100 }]
        : dests.filter((d) => (d.weight ?? 0) > 0).map((d) => ({ d, weight: d.weight ?? 0 }))
    const clusters = weighted.map((w) => ({
      name: destinationCluster(w.d.destination, ns, ctx),
      weight: w.weight,
    }))
    if (clusters.length === 1) route.cluster = clusters[0]!.name
    else route.weightedClusters = clusters
  }
  if (h.rewrite?.uri) route.prefixRewrite = h.rewrite.uri
  if (h.rewrite?.authority) route.hostRewrite = h.rewrite.authority
  if (h.retries && (h.retries.attempts ?? 0) > 0) {
    route.retryPolicy = {
      retryOn: RETRY_ON,
      numRetries: h.retries.attempts!,
      perTryTimeoutMs: durationMs(h.retries.perTryTimeout) ?? 0,
    }
  }
  if (h.fault) route.fault = translateFault(h.fault)
  if (h.mirror) route.mirrorCluster = destinationCluster(h.mirror, ns, ctx)
  const path = pathOf(match)
  route.decorator = route.cluster
    ? `${resolveShortname(h.route?.[0]?.destination?.host ?? '', ns)}:${ctx.port}${path}`
    : `${nameOf(vs)}:${ctx.port}${path}`
  return route
}

function translateFault(f: NonNullable<HTTPRoute['fault']>): Route['fault'] {
  const out: NonNullable<Route['fault']> = {}
  if (f.delay?.fixedDelay) {
    // percent is copied verbatim: omitted means 0 (Pilot 1.0.0), despite the proto's comment.
    out.delay = {
      type: 'FIXED',
      percent: f.delay.percent ?? 0,
      fixedDelayMs: durationMs(f.delay.fixedDelay) ?? 0,
    }
  }
  if (f.abort?.httpStatus !== undefined) {
    out.abort = { percent: f.abort.percent ?? 0, httpStatus: f.abort.httpStatus }
  }
  return out
}

/** Returns the default route of a service port without a VirtualService. */
export function defaultRoute(hostname: string, port: number, cluster: string): Route {
  return {
    match: { prefix: '/', headers: [] },
    cluster,
    timeoutMs: 0,
    requestHeadersToAdd: [],
    decorator: `${hostname}:${port}/*`,
  }
}
