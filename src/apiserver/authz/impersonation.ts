import { badRequest } from '../../api/errors.js'
import { forbiddenError } from './forbidden-error.js'
import type { Decision } from './rbac-authorizer.js'
import type { RequestAttributes } from './request-attributes.js'
import {
  AUTHENTICATED,
  parseServiceAccountUsername,
  serviceAccountGroups,
  UNAUTHENTICATED,
  type UserInfo,
} from './user-info.js'

const EXTRA_PREFIX = 'impersonate-extra-'

/** Headers as Node gives them: lower-case names, repeated headers as arrays. */
export type RequestHeaders = Record<string, string | string[] | undefined>

function values(h: string | string[] | undefined): string[] {
  if (h === undefined) return []
  return Array.isArray(h) ? h : [h]
}

function attrs(
  resource: string,
  name: string,
  namespace = '',
  apiGroup = '',
  subresource = ''
): RequestAttributes {
  return {
    verb: 'impersonate',
    resourceRequest: true,
    path: '',
    apiGroup,
    apiVersion: '',
    namespace,
    resource,
    subresource,
    name,
  }
}

/**
 * Applies kube-apiserver's impersonation filter: with `Impersonate-User` (and optionally
 * `Impersonate-Group`, `Impersonate-Extra-*`) the request acts as that user once the caller may
 * `impersonate` each of them (users, groups, serviceaccounts in their namespace, userextras).
 * Returns the caller unchanged without the headers; throws 403 (or 400 for groups without a user).
 */
export function impersonate(
  caller: UserInfo,
  headers: RequestHeaders,
  authorize: (u: UserInfo, a: RequestAttributes) => Decision
): UserInfo {
  const user = values(headers['impersonate-user'])[0]
  const groups = values(headers['impersonate-group'])
  const extra: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (k.startsWith(EXTRA_PREFIX))
      extra[decodeURIComponent(k.slice(EXTRA_PREFIX.length))] = values(v)
  }
  if (user === undefined) {
    if (groups.length || Object.keys(extra).length)
      throw badRequest(
        `requested ${JSON.stringify({ groups, extra })} without impersonating a user`
      )
    return caller
  }
  const sa = parseServiceAccountUsername(user)
  const checks: RequestAttributes[] = [
    sa ? attrs('serviceaccounts', sa.name, sa.namespace) : attrs('users', user),
    ...groups.map((g) => attrs('groups', g)),
    ...Object.entries(extra).flatMap(([k, vs]) =>
      vs.map((v) => attrs('userextras', v, '', 'authentication.k8s.io', k))
    ),
  ]
  for (const a of checks) {
    const d = authorize(caller, a)
    if (!d.allowed) throw forbiddenError(caller.name, a, d.reason)
  }
  const result = groups.length ? [...groups] : sa ? serviceAccountGroups(sa.namespace) : []
  if (user === 'system:anonymous') {
    if (!result.includes(UNAUTHENTICATED)) result.push(UNAUTHENTICATED)
  } else if (!result.includes(AUTHENTICATED) && !result.includes(UNAUTHENTICATED)) {
    result.push(AUTHENTICATED)
  }
  return { name: user, groups: result, ...(Object.keys(extra).length ? { extra } : {}) }
}
