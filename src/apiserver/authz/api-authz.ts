import { timingSafeEqual } from 'node:crypto'
import { badRequest } from '../../api/errors.js'
import { apiVersionOf, asObject, isObject } from '../../api/types.js'
import type { ApiRequest, ApiResponse, ResourcePath } from '../request/index.js'
import type { MemoryStore } from '../storage/index.js'
import {
  accessStatus,
  reviewAttributes,
  reviewedUser,
  rulesStatus,
  tokenStatus,
} from './access-reviews.js'
import type { CallerIdentity } from './caller-identity.js'
import { forbiddenError } from './forbidden-error.js'
import { impersonate, type RequestHeaders } from './impersonation.js'
import { authorizeNode } from './node-authorizer.js'
import { RbacAuthorizer, type Decision } from './rbac-authorizer.js'
import { requestAttributes, type RequestAttributes } from './request-attributes.js'
import { authenticateServiceAccountToken } from './token-authenticator.js'
import { AUTHENTICATED, MASTERS, type UserInfo } from './user-info.js'

/** Options of the API server's authentication of tokens and authorization. */
export interface ApiAuthzOptions {
  store: MemoryStore
  /** The admin bearer token (a static token of system:masters). */
  adminToken: string
  /** The admin's user name. */
  adminName?: string
}

const REVIEWS: Record<string, { group: string; kind: string }> = {
  selfsubjectaccessreviews: { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' },
  subjectaccessreviews: { group: 'authorization.k8s.io', kind: 'SubjectAccessReview' },
  localsubjectaccessreviews: { group: 'authorization.k8s.io', kind: 'LocalSubjectAccessReview' },
  selfsubjectrulesreviews: { group: 'authorization.k8s.io', kind: 'SelfSubjectRulesReview' },
  tokenreviews: { group: 'authentication.k8s.io', kind: 'TokenReview' },
}

/**
 * The API server's identity checks beyond the admin certificate: bearer tokens (the admin's static
 * token, service account tokens), impersonation, RBAC authorization of every request, and the
 * authorization and authentication review resources that expose them.
 */
export class ApiAuthz {
  readonly rbac: RbacAuthorizer
  private admin: Buffer
  private adminName: string
  private o: ApiAuthzOptions

  constructor(o: ApiAuthzOptions) {
    this.o = o
    this.rbac = new RbacAuthorizer(o.store)
    this.admin = Buffer.from(o.adminToken)
    this.adminName = o.adminName ?? 'kubernetes-admin'
  }

  /** Returns the user a bearer token authenticates as, or undefined (401). */
  authenticateToken(token: string): UserInfo | undefined {
    const given = Buffer.from(token)
    if (given.length === this.admin.length && timingSafeEqual(given, this.admin))
      return { name: this.adminName, groups: [MASTERS, AUTHENTICATED] }
    return authenticateServiceAccountToken(this.o.store, token)
  }

  /**
   * Returns who the request acts as once impersonation headers are applied, after RBAC allowed
   * the request for that user; throws 403 Forbidden with kube-apiserver's message otherwise.
   */
  admit(
    user: UserInfo,
    method: string,
    path: string,
    query: URLSearchParams,
    headers: RequestHeaders
  ): UserInfo {
    const acting = impersonate(user, headers, (u, a) => this.authorize(u, a))
    const a = requestAttributes(method, path, query)
    const d = this.authorize(acting, a)
    if (!d.allowed) throw forbiddenError(acting.name, a, d.reason)
    return acting
  }

  /**
   * kube-apiserver's `--authorization-mode=Node,RBAC`: the Node authorizer answers for kubelets
   * what it allows, RBAC decides the rest.
   */
  authorize(user: UserInfo, a: RequestAttributes): Decision {
    const node = authorizeNode(this.o.store, user, a)
    if (node?.allowed) return node
    const d = this.rbac.authorize(user, a)
    return d.allowed || !node ? d : { allowed: false, reason: node.reason }
  }

  /**
   * Authorizes a request of an in-process component as its identity (or one of the users it acts
   * as); throws the 403 a real component would get, naming its own user.
   */
  admitCaller(caller: CallerIdentity, method: string, path: string, query: URLSearchParams): void {
    const a = requestAttributes(method, path, query)
    const d = this.authorize(caller.user, a)
    if (d.allowed || caller.actsAs.some((u) => this.authorize(u, a).allowed)) return
    throw forbiddenError(caller.user.name, a, d.reason)
  }

  /** Answers a POST of a review resource (undefined for other requests): evaluates what its body asks. */
  review(req: ApiRequest, p: ResourcePath, decode: () => unknown): ApiResponse | undefined {
    const r = REVIEWS[p.resource]
    if (!r || r.group !== p.group || req.method.toUpperCase() !== 'POST' || p.name) return undefined
    if ((p.resource === 'localsubjectaccessreviews') !== (p.namespace !== undefined))
      return undefined
    const body = decode()
    const obj = asObject(body)
    const spec = asObject(obj.spec)
    const requester: UserInfo = { name: req.user, groups: req.groups ?? [MASTERS] }
    let status: Record<string, unknown>
    switch (p.resource) {
      case 'tokenreviews':
        status = tokenStatus(spec, (t) => this.authenticateToken(t))
        break
      case 'selfsubjectrulesreviews':
        status = rulesStatus(
          this.rbac.rulesFor(requester, typeof spec.namespace === 'string' ? spec.namespace : '')
        )
        break
      case 'selfsubjectaccessreviews':
        status = accessStatus(this.authorize(requester, reviewAttributes(r.kind, spec)))
        break
      default: {
        const a = reviewAttributes(r.kind, spec)
        if (p.resource === 'localsubjectaccessreviews') {
          if (!a.resourceRequest)
            throw badRequest('disallowed on this kind of request: spec.nonResourceAttributes')
          if (a.namespace !== (p.namespace ?? ''))
            throw badRequest(
              `spec.resourceAttributes.namespace must match namespace: ${p.namespace ?? ''}`
            )
        }
        status = accessStatus(this.authorize(reviewedUser(r.kind, spec), a))
      }
    }
    return {
      status: 201,
      body: {
        ...obj,
        apiVersion: apiVersionOf(p.group, p.version),
        kind: r.kind,
        metadata: isObject(obj.metadata) ? obj.metadata : { creationTimestamp: null },
        spec,
        status,
      },
    }
  }
}
