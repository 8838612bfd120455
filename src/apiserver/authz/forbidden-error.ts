import { StatusError } from '../../api/errors.js'
import type { RequestAttributes } from './request-attributes.js'

/**
 * Returns kube-apiserver 1.11's message for a denied request:
 * `User "u" cannot list pods in the namespace "onap"`, `… at the cluster scope`, or
 * `User "u" cannot get path "/logs"` (resource qualified by group, `/subresource` appended).
 */
export function forbiddenMessage(user: string, a: RequestAttributes): string {
  if (!a.resourceRequest) return `User "${user}" cannot ${a.verb} path "${a.path}"`
  let resource = a.resource
  if (a.apiGroup) resource += `.${a.apiGroup}`
  if (a.subresource) resource += `/${a.subresource}`
  if (a.namespace)
    return `User "${user}" cannot ${a.verb} ${resource} in the namespace "${a.namespace}"`
  return `User "${user}" cannot ${a.verb} ${resource} at the cluster scope`
}

/**
 * Returns the 403 Status kube-apiserver answers a denied request with (apierrors.NewForbidden):
 * `pods "x" is forbidden: <message>[: <reason>]`, without the name when the request has none,
 * `forbidden: …` for a non-resource path.
 */
export function forbiddenError(user: string, a: RequestAttributes, reason: string): StatusError {
  const why = reason ? `${forbiddenMessage(user, a)}: ${reason}` : forbiddenMessage(user, a)
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource
  const message = !a.resource
    ? `forbidden: ${why}`
    : a.name
      ? `${qualified} "${a.name}" is forbidden: ${why}`
      : `${qualified} is forbidden: ${why}`
  return new StatusError(403, 'Forbidden', message, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.apiGroup ? { group: a.apiGroup } : {}),
    ...(a.resource ? { kind: a.resource } : {}),
  })
}
