import type { HttpRequest } from '../../network/index.js'
import type {
  EnvoyStringMatch,
  Route,
  RouteConfiguration,
  RouteMatch,
  VirtualHost,
} from '../pilot/index.js'

const regexCache = new Map<string, RegExp | null>()

function fullRegex(re: string): RegExp | null {
  let r = regexCache.get(re)
  if (r === undefined) {
    try {
      // Envoy's regex matches must cover the whole value (std::regex_match).
      r = new RegExp(`^(?:${re})$`)
    } catch {
      r = null
    }
    regexCache.set(re, r)
  }
  return r
}

/** Returns true when a value satisfies an exact/prefix/regex match. */
export function stringMatches(m: EnvoyStringMatch, v: string | undefined): boolean {
  if (v === undefined) return false
  if (m.exact !== undefined) return v === m.exact
  if (m.prefix !== undefined) return v.startsWith(m.prefix)
  if (m.regex !== undefined) return fullRegex(m.regex)?.test(v) ?? false
  return true
}

/** Returns the value of a header or pseudo-header of a request. */
export function headerValue(req: HttpRequest, name: string): string | undefined {
  if (name === ':method') return req.method
  if (name === ':authority') return req.authority
  if (name === ':path') return req.path
  if (name === ':scheme') return 'http'
  return req.headers[name]
}

/** Returns true when a request satisfies a route's match (path on the path without the query). */
export function routeMatches(m: RouteMatch, req: HttpRequest): boolean {
  if (m.prefix !== undefined && !req.path.startsWith(m.prefix)) return false
  if (m.path !== undefined || m.regex !== undefined) {
    const q = req.path.indexOf('?')
    const path = q < 0 ? req.path : req.path.slice(0, q)
    if (m.path !== undefined && path !== m.path) return false
    if (m.regex !== undefined && !(fullRegex(m.regex)?.test(path) ?? false)) return false
  }
  for (const h of m.headers) if (!stringMatches(h.match, headerValue(req, h.name))) return false
  return true
}

function domainMatches(domain: string, authority: string): boolean {
  if (domain === '*') return true
  if (domain.startsWith('*')) return authority.endsWith(domain.slice(1))
  return domain === authority
}

/**
 * Returns the virtual host serving an authority: an exact domain first, then the longest
 * suffix wildcard, then `*` (Envoy's virtual host selection).
 */
export function selectVirtualHost(
  rc: RouteConfiguration,
  authority: string
): VirtualHost | undefined {
  // A pushed route configuration never changes: its choice per authority is computed once.
  let byAuthority = vhCache.get(rc)
  if (!byAuthority) {
    byAuthority = new Map()
    vhCache.set(rc, byAuthority)
  }
  const hit = byAuthority.get(authority)
  if (hit !== undefined || byAuthority.has(authority)) return hit
  const vh = bestVirtualHost(rc, authority)
  if (byAuthority.size < 4096) byAuthority.set(authority, vh)
  return vh
}

const vhCache = new WeakMap<RouteConfiguration, Map<string, VirtualHost | undefined>>()

function bestVirtualHost(rc: RouteConfiguration, authority: string): VirtualHost | undefined {
  const a = authority.toLowerCase()
  let best: { vh: VirtualHost; score: number } | undefined
  for (const vh of rc.virtualHosts) {
    for (const d of vh.domains) {
      if (!domainMatches(d, a)) continue
      const score = d === a ? Infinity : d === '*' ? 0 : d.length
      if (!best || score > best.score) best = { vh, score }
    }
  }
  return best?.vh
}

/** Returns the first route of a virtual host matching the request. */
export function selectRoute(vh: VirtualHost, req: HttpRequest): Route | undefined {
  for (const r of vh.routes) if (routeMatches(r.match, req)) return r
  return undefined
}
