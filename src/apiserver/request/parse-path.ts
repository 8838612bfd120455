import { badRequest, noResource } from '../../api/errors.js'

/** What a resource path names. */
export interface ResourcePath {
  group: string
  version: string
  namespace?: string
  resource: string
  name?: string
  subresource?: string
  /** True for the legacy `/api/v1/watch/...` form. */
  legacyWatch: boolean
}

/** What a request path names: a resource path, a discovery document, or a fixed endpoint. */
export type PathTarget =
  | { type: 'resource'; path: ResourcePath }
  | { type: 'rootApi' }
  | { type: 'rootApis' }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'group'; group: string }
  | { type: 'version' }
  | { type: 'health'; which: string }
  | { type: 'openapiV3Index' }
  | { type: 'openapiV2' }
  | { type: 'openapiV3'; group: string; version: string }
  | { type: 'root' }

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])

// The last path parsed and what it names: a request's path is parsed by the authorizer and again
// by the handler. Frozen, so that no reader can change what the next one gets.
let lastPath: string | undefined
let lastTarget: PathTarget | undefined

/**
 * Returns what a request path names (read-only: the same object for the same path twice in a
 * row); throws 404 for paths the API does not have.
 */
export function parsePath(path: string): PathTarget {
  if (path === lastPath && lastTarget) return lastTarget
  const target = parseNew(path)
  if (target.type === 'resource') Object.freeze(target.path)
  lastPath = path
  lastTarget = Object.freeze(target)
  return target
}

function parseNew(path: string): PathTarget {
  if (path.length > 4096) throw badRequest('request path too long')
  let segs: string[]
  try {
    segs = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => (s.includes('%') ? decodeURIComponent(s) : s))
  } catch {
    throw badRequest(`malformed request path "${path}"`)
  }
  if (segs.length === 0) return { type: 'root' }
  const [head, ...rest] = segs
  switch (head) {
    case 'version':
      if (rest.length === 0) return { type: 'version' }
      break
    case 'healthz':
    case 'readyz':
    case 'livez':
      return { type: 'health', which: head }
    case 'openapi':
      if (rest[0] === 'v2' && rest.length === 1) return { type: 'openapiV2' }
      if (rest[0] === 'v3') {
        if (rest.length === 1) return { type: 'openapiV3Index' }
        if (rest[1] === 'api' && rest.length === 3)
          return { type: 'openapiV3', group: '', version: rest[2]! }
        if (rest[1] === 'apis' && rest.length === 4)
          return { type: 'openapiV3', group: rest[2]!, version: rest[3]! }
      }
      break
    case 'api':
      if (rest.length === 0) return { type: 'rootApi' }
      if (rest.length === 1) return { type: 'groupVersion', group: '', version: rest[0]! }
      return resource('', rest[0]!, rest.slice(1))
    case 'apis':
      if (rest.length === 0) return { type: 'rootApis' }
      if (rest.length === 1) return { type: 'group', group: rest[0]! }
      if (rest.length === 2) return { type: 'groupVersion', group: rest[0]!, version: rest[1]! }
      return resource(rest[0]!, rest[1]!, rest.slice(2))
  }
  throw noResource()
}

function resource(group: string, version: string, segs: string[]): PathTarget {
  let legacyWatch = false
  if (segs[0] === 'watch') {
    legacyWatch = true
    segs = segs.slice(1)
  }
  const p: ResourcePath = { group, version, resource: '', legacyWatch }
  // namespaces/{ns}/{resource}/... unless it is the namespace object itself (or its status).
  if (
    segs[0] === 'namespaces' &&
    segs.length >= 3 &&
    !(segs.length === 3 && NAMESPACE_SUBRESOURCES.has(segs[2]!))
  ) {
    p.namespace = segs[1]
    segs = segs.slice(2)
  }
  // `…/{name}/proxy/{path…}`: the path after proxy belongs to the proxied target.
  if (segs.length > 3 && segs[2] === 'proxy') segs = segs.slice(0, 3)
  if (segs.length < 1 || segs.length > 3) throw noResource()
  p.resource = segs[0]!
  // Only the name says why it is refused (kube-apiserver's key functions check it); a `.` or `..`
  // anywhere else names nothing. Neither is ever resolved against the segments before it.
  for (const s of [p.namespace, p.resource, segs[2]])
    if (s !== undefined && pathSegmentProblems(s).length) throw noResource()
  if (segs[1] !== undefined) {
    const problems = pathSegmentProblems(segs[1])
    if (problems.length)
      throw badRequest(`Name parameter invalid: ${JSON.stringify(segs[1])}: ${problems.join(';')}`)
    p.name = segs[1]
  }
  if (segs[2] !== undefined) p.subresource = segs[2]
  return { type: 'resource', path: p }
}

/**
 * Returns why a (decoded) path segment cannot name an object, as apimachinery's
 * IsValidPathSegmentName says it: `may not be '.'`, `may not be '..'`, `may not contain '/'`,
 * `may not contain '%'`; empty when it can.
 */
export function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  const out: string[] = []
  if (name.includes('/')) out.push(`may not contain '/'`)
  if (name.includes('%')) out.push(`may not contain '%'`)
  return out
}
