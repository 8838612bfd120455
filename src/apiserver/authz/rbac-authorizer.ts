import type { KubeObject } from '../../api/types.js'
import type { MemoryStore } from '../storage/index.js'
import { ruleAllows, type PolicyRule } from './policy-rule.js'
import type { RequestAttributes } from './request-attributes.js'
import { isMaster, serviceAccountUsername, type UserInfo } from './user-info.js'

const RBAC = 'rbac.authorization.k8s.io'
const STORAGE = {
  roles: `roles.${RBAC}`,
  roleBindings: `rolebindings.${RBAC}`,
  clusterRoles: `clusterroles.${RBAC}`,
  clusterRoleBindings: `clusterrolebindings.${RBAC}`,
}

const RBAC_STORAGES = new Set(Object.values(STORAGE))
const MAX_CACHED = 20_000

function cacheKey(u: UserInfo, a: RequestAttributes): string {
  const who = `${u.name}\u0000${u.groups.join('\u0001')}`
  if (!a.resourceRequest) return `${who}\u0000${a.verb}\u0000path\u0000${a.path}`
  return `${who}\u0000${a.verb}\u0000${a.apiGroup}\u0000${a.resource}\u0000${a.subresource}\u0000${a.namespace}\u0000${a.name}`
}

/** An RBAC subject of a binding. */
export interface Subject {
  kind: string
  name: string
  namespace?: string
  apiGroup?: string
}

interface Binding extends KubeObject {
  subjects?: Subject[]
  roleRef?: { kind?: string; name?: string; apiGroup?: string }
}

interface Role extends KubeObject {
  rules?: PolicyRule[]
}

/** An authorization decision: allowed or not, and kube-apiserver's reason text. */
export interface Decision {
  allowed: boolean
  reason: string
}

/** The rules that apply to a user in a namespace (SelfSubjectRulesReview). */
export interface UserRules {
  rules: PolicyRule[]
  /** Problems met (bindings naming roles that do not exist). */
  errors: string[]
}

/**
 * kube-apiserver 1.11's RBAC authorizer over the lab's store: system:masters is allowed at once;
 * otherwise every ClusterRoleBinding, then every RoleBinding of the request's namespace, that names
 * the user, one of its groups or its service account grants the rules of its Role or ClusterRole.
 */
export class RbacAuthorizer {
  private store: MemoryStore
  // Decisions by user and request, dropped whenever an RBAC object changes (or the store is reloaded).
  private cache = new Map<string, Decision>()
  private cachedAt = 0

  constructor(store: MemoryStore) {
    this.store = store
    store.subscribe((ev) => {
      if (RBAC_STORAGES.has(ev.storage)) this.cache.clear()
    })
  }

  /** Returns whether the user may make the request, and the reason when RBAC met problems. */
  authorize(user: UserInfo, a: RequestAttributes): Decision {
    if (isMaster(user)) return { allowed: true, reason: '' }
    const rv = this.store.currentRv()
    if (rv < this.cachedAt || this.cache.size >= MAX_CACHED) this.cache.clear()
    this.cachedAt = rv
    const key = cacheKey(user, a)
    const hit = this.cache.get(key)
    if (hit) return hit
    const d = this.decide(user, a)
    this.cache.set(key, d)
    return d
  }

  private decide(user: UserInfo, a: RequestAttributes): Decision {
    const errors: string[] = []
    let allowed = false
    this.visit(user, a.namespace, errors, (_b, rules) => {
      if (!rules.some((r) => ruleAllows(a, r))) return false
      allowed = true
      return true
    })
    if (allowed) return { allowed, reason: '' }
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' }
  }

  /** Returns every rule that applies to the user in a namespace ('' for cluster-wide only). */
  rulesFor(user: UserInfo, namespace: string): UserRules {
    const errors: string[] = []
    const rules: PolicyRule[] = []
    if (isMaster(user))
      rules.push(
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] }
      )
    this.visit(user, namespace, errors, (_b, r) => {
      rules.push(...r)
      return false
    })
    return { rules, errors }
  }

  /** Calls `fn` with the rules of each binding that applies, until it returns true. */
  private visit(
    user: UserInfo,
    namespace: string,
    errors: string[],
    fn: (b: Binding, rules: PolicyRule[]) => boolean
  ): void {
    const crbs = this.store.list(STORAGE.clusterRoleBindings, undefined, { copy: false })
    for (const b of crbs.items as Binding[]) {
      if (!appliesTo(b.subjects, user, '')) continue
      const rules = this.roleRules(b, '', errors)
      if (rules && fn(b, rules)) return
    }
    if (!namespace) return
    const rbs = this.store.list(STORAGE.roleBindings, namespace, { copy: false })
    for (const b of rbs.items as Binding[]) {
      if (!appliesTo(b.subjects, user, namespace)) continue
      const rules = this.roleRules(b, namespace, errors)
      if (rules && fn(b, rules)) return
    }
  }

  private roleRules(b: Binding, namespace: string, errors: string[]): PolicyRule[] | undefined {
    const ref = b.roleRef ?? {}
    const name = ref.name ?? ''
    const cluster = ref.kind === 'ClusterRole'
    if (!cluster && (ref.kind !== 'Role' || !namespace)) {
      errors.push(`unsupported role reference kind: "${ref.kind ?? ''}"`)
      return undefined
    }
    const role = this.store.peek({
      storage: cluster ? STORAGE.clusterRoles : STORAGE.roles,
      namespace: cluster ? '' : namespace,
      name,
    }) as Role | undefined
    if (!role) {
      errors.push(`${cluster ? 'clusterrole' : 'role'}.${RBAC} "${name}" not found`)
      return undefined
    }
    return role.rules ?? []
  }
}

/** Returns true when one of the subjects names the user, one of its groups or its service account. */
export function appliesTo(
  subjects: Subject[] | undefined,
  user: UserInfo,
  namespace: string
): boolean {
  return (subjects ?? []).some((s) => {
    switch (s.kind) {
      case 'User':
        return s.name === user.name
      case 'Group':
        return user.groups.includes(s.name)
      case 'ServiceAccount': {
        // A binding may leave the namespace out of an account of its own namespace.
        const ns = s.namespace || namespace
        return !!ns && serviceAccountUsername(ns, s.name) === user.name
      }
      default:
        return false
    }
  })
}

/** Formats errors as Go's utilerrors aggregate: one as is, several in brackets. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`
}
