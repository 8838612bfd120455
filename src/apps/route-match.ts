import type { RouteSpec } from './types.js'

/** The route that answered a request, with the values of its `{name}` segments and `*` rest. */
export interface RouteMatch {
  route: RouteSpec
  params: Record<string, string>
}

/**
 * Returns whether a path (query stripped) matches a pattern: literal segments, `{name}` for one
 * segment, and a trailing `*` for anything after (also nothing). Captures go to `params`
 * (`*` as `rest`).
 */
export function matchPath(
  pattern: string,
  path: string,
  params: Record<string, string> = {}
): boolean {
  const want = pattern.split('/')
  const got = path.split('/')
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? ''
    if (w === '*' && i === want.length - 1) {
      params.rest = got.slice(i).join('/')
      return true
    }
    const g = got[i]
    if (g === undefined) return false
    if (/^\{[^}]+\}$/.test(w)) {
      if (g === '') return false
      params[w.slice(1, -1)] = decodeURIComponent(g)
    } else if (w !== g) return false
  }
  return got.length === want.length
}

/** Returns the first route matching a method and path (routes are tried in file order). */
export function matchRoute(
  routes: readonly RouteSpec[],
  method: string,
  path: string
): RouteMatch | undefined {
  const bare = path.split('?')[0] ?? ''
  for (const route of routes) {
    if (route.method !== '*' && route.method !== method) continue
    const params: Record<string, string> = {}
    if (matchPath(route.path, bare, params)) return { route, params }
  }
  return undefined
}
