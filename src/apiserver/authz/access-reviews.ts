import { badRequest, invalid } from '../../api/errors.js'
import { isObject, type Obj } from '../../api/types.js'
import type { PolicyRule } from './policy-rule.js'
import type { Decision, UserRules } from './rbac-authorizer.js'
import { nonResourceAttributes, type RequestAttributes } from './request-attributes.js'
import type { UserInfo } from './user-info.js'

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []

/** Returns the request attributes a review's spec asks about, or throws 422 when it names none or both. */
export function reviewAttributes(kind: string, spec: Obj): RequestAttributes {
  const ra = isObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined
  const nra = isObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined
  if (!!ra === !!nra)
    throw invalid(kind, 'authorization.k8s.io', '', [
      {
        field: 'spec.resourceAttributes',
        message: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ])
  if (nra) return nonResourceAttributes(str(nra.verb), str(nra.path))
  const a = ra!
  return {
    verb: str(a.verb),
    resourceRequest: true,
    path: '',
    apiGroup: str(a.group),
    apiVersion: str(a.version),
    namespace: str(a.namespace),
    resource: str(a.resource),
    subresource: str(a.subresource),
    name: str(a.name),
  }
}

/** Returns the user a SubjectAccessReview asks about; throws 422 when it names neither user nor group. */
export function reviewedUser(kind: string, spec: Obj): UserInfo {
  const name = str(spec.user)
  const groups = strs(spec.groups)
  if (!name && !groups.length)
    throw invalid(kind, 'authorization.k8s.io', '', [
      {
        field: 'spec.user,spec.groups',
        message: 'at least one of user or group must be specified',
      },
    ])
  return { name, groups, ...(str(spec.uid) ? { uid: str(spec.uid) } : {}) }
}

/** Returns the status of an access review: allowed, and the reason when there is one. */
export function accessStatus(d: Decision): Obj {
  return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) }
}

/** Returns a SelfSubjectRulesReview status: resource and non-resource rules, incomplete, errors. */
export function rulesStatus(r: UserRules): Obj {
  const resourceRules: Obj[] = []
  const nonResourceRules: Obj[] = []
  for (const rule of r.rules) {
    if (rule.nonResourceURLs?.length)
      nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs })
    if (rule.resources?.length || rule.apiGroups?.length) resourceRules.push(resourceRule(rule))
  }
  return {
    resourceRules,
    nonResourceRules,
    incomplete: r.errors.length > 0,
    ...(r.errors.length ? { evaluationError: r.errors.join(', ') } : {}),
  }
}

function resourceRule(rule: PolicyRule): Obj {
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups ?? [],
    resources: rule.resources ?? [],
    ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
  }
}

/** Returns a TokenReview status: the user the token authenticates as, or authenticated false. */
export function tokenStatus(spec: Obj, authenticate: (t: string) => UserInfo | undefined): Obj {
  const token = str(spec.token)
  if (!token) throw badRequest('token is required for TokenReview in authentication')
  const u = authenticate(token)
  if (!u) return { authenticated: false, user: {} }
  return {
    authenticated: true,
    user: {
      username: u.name,
      ...(u.uid ? { uid: u.uid } : {}),
      groups: u.groups,
      ...(u.extra ? { extra: u.extra } : {}),
    },
  }
}
