import { parsePath, type PathTarget } from '../request/index.js'

/** What an authorizer decides on (kube-apiserver's authorizer.Attributes, without the user). */
export interface RequestAttributes {
  verb: string
  /** True for paths under /api/v1 and /apis/<g>/<v> that name a resource. */
  resourceRequest: boolean
  /** The request path (non-resource requests). */
  path: string
  apiGroup: string
  apiVersion: string
  namespace: string
  resource: string
  subresource: string
  name: string
}

/** Returns a non-resource request's attributes (verb: the lower-case method). */
export function nonResourceAttributes(verb: string, path: string): RequestAttributes {
  return {
    verb,
    resourceRequest: false,
    path,
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  }
}

/**
 * Returns the attributes of an HTTP request as kube-apiserver's RequestInfo resolver derives them:
 * GET is get, list or watch (`watch=true`, `/watch/` paths), POST create, PUT update, PATCH patch,
 * DELETE delete or deletecollection; a namespace's own path has the namespace set to its name;
 * a list or watch selecting `metadata.name=` carries that name. Other paths are non-resource requests.
 */
export function requestAttributes(
  method: string,
  path: string,
  query: URLSearchParams
): RequestAttributes {
  let target: PathTarget
  try {
    target = parsePath(path)
  } catch {
    return nonResourceAttributes(method.toLowerCase(), path)
  }
  if (target.type !== 'resource') return nonResourceAttributes(method.toLowerCase(), path)
  const p = target.path
  let name = p.name ?? ''
  const watchParam = ['true', '1', 'True'].includes(query.get('watch') ?? '')
  const m = method.toUpperCase()
  let verb = m.toLowerCase()
  if (m === 'GET' || m === 'HEAD') {
    verb = p.legacyWatch || watchParam ? 'watch' : name ? 'get' : 'list'
  } else if (m === 'POST') verb = 'create'
  else if (m === 'PUT') verb = 'update'
  else if (m === 'PATCH') verb = 'patch'
  else if (m === 'DELETE') verb = name ? 'delete' : 'deletecollection'
  if (!name && (verb === 'list' || verb === 'watch')) {
    const sel = /(?:^|,)metadata\.name==?([^,]*)/.exec(query.get('fieldSelector') ?? '')
    if (sel?.[1]) name = sel[1]
  }
  const namespace =
    p.resource === 'namespaces' && p.group === '' && p.name ? p.name : (p.namespace ?? '')
  return {
    verb,
    resourceRequest: true,
    path,
    apiGroup: p.group,
    apiVersion: p.version,
    namespace,
    resource: p.resource,
    subresource: p.subresource ?? '',
    name,
  }
}
