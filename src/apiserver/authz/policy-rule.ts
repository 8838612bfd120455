import type { RequestAttributes } from './request-attributes.js'

/** An RBAC PolicyRule (rbac.authorization.k8s.io/v1). */
export interface PolicyRule {
  verbs: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
  nonResourceURLs?: string[]
}

const ALL = '*'

/** Returns true when a rule grants the request, with kube-apiserver 1.11's RBAC matching rules. */
export function ruleAllows(a: RequestAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, a.verb)) return false
  if (!a.resourceRequest) return nonResourceUrlMatches(rule, a.path)
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource
  return (
    apiGroupMatches(rule, a.apiGroup) &&
    resourceMatches(rule, combined, a.subresource) &&
    resourceNameMatches(rule, a.name)
  )
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === ALL || v === verb)
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group)
}

/** `*` matches every resource and subresource; `*\/log` matches the log subresource of any resource. */
function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true
    if (!subresource) continue
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource))
      return true
  }
  return false
}

/** No resourceNames means every name; a request without a name (list, create) matches only then. */
function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? []
  return names.length === 0 || names.includes(name)
}

/** `*` matches every path, `/apis/*` every path below /apis/, others match exactly. */
function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true
  }
  return false
}
