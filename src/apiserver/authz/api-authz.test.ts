import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import type { ApiRequest, ResourcePath } from '../request/index.js'
import { ApiAuthz } from './api-authz.js'
import { bindViewToOnapDefault, policyStore } from './test-store.js'

const SA = 'system:serviceaccount:onap:default'
const SA_GROUPS = ['system:serviceaccounts', 'system:serviceaccounts:onap', 'system:authenticated']

function setup() {
  const store = policyStore()
  bindViewToOnapDefault(store)
  return { store, authz: new ApiAuthz({ store, adminToken: 'admin-token' }) }
}

const path = (group: string, resource: string, namespace?: string): ResourcePath => ({
  group,
  version: 'v1',
  resource,
  legacyWatch: false,
  ...(namespace ? { namespace } : {}),
})
const post = (user: string, groups: string[]): ApiRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  user,
  groups,
})
const statusOf = (a: unknown) => (a as { body: { status: Record<string, unknown> } }).body.status

describe('ApiAuthz', () => {
  it('authenticates the admin token as system:masters and refuses unknown tokens', () => {
    const { authz } = setup()
    expect(authz.authenticateToken('admin-token')).to.deep.equal({
      name: 'kubernetes-admin',
      groups: ['system:masters', 'system:authenticated'],
    })
    expect(authz.authenticateToken('admin-tokeN')).to.equal(undefined)
  })

  it('admits allowed requests and refuses the others with 403', () => {
    const { authz } = setup()
    const sa = { name: SA, groups: SA_GROUPS }
    const q = new URLSearchParams()
    expect(authz.admit(sa, 'GET', '/api/v1/namespaces/onap/pods', q, {})).to.equal(sa)
    let err: unknown
    try {
      authz.admit(sa, 'DELETE', '/api/v1/namespaces/onap/pods/x', q, {})
    } catch (e) {
      err = e
    }
    expect(isStatusError(err, 'Forbidden')).to.equal(true)
  })

  it('answers SelfSubjectAccessReview for the requester and SubjectAccessReview for the named user', () => {
    const { authz } = setup()
    const ask = (verb: string) => ({
      spec: { resourceAttributes: { namespace: 'onap', verb, resource: 'pods' } },
    })
    const self = authz.review(
      post(SA, SA_GROUPS),
      path('authorization.k8s.io', 'selfsubjectaccessreviews'),
      () => ask('list')
    )
    expect(statusOf(self)).to.deep.equal({ allowed: true })
    const denied = authz.review(
      post(SA, SA_GROUPS),
      path('authorization.k8s.io', 'selfsubjectaccessreviews'),
      () => ask('create')
    )
    expect(statusOf(denied)).to.deep.equal({ allowed: false })
    const sar = (spec: object) =>
      authz.review(
        post('kubernetes-admin', ['system:masters']),
        path('authorization.k8s.io', 'subjectaccessreviews'),
        () => ({ spec })
      )
    expect(statusOf(sar({ ...ask('get').spec, user: SA }))).to.deep.equal({ allowed: true })
    expect(statusOf(sar({ ...ask('get').spec, user: 'alice' }))).to.deep.equal({ allowed: false })
    expect(() => sar(ask('get').spec)).to.throw('at least one of user or group must be specified')
    expect(() => sar({ user: SA })).to.throw(
      'exactly one of nonResourceAttributes or resourceAttributes'
    )
  })

  it('checks a LocalSubjectAccessReview namespace against its path', () => {
    const { authz } = setup()
    const spec = {
      user: SA,
      resourceAttributes: { namespace: 'onap', verb: 'get', resource: 'pods' },
    }
    const req = post('kubernetes-admin', ['system:masters'])
    const ok = authz.review(
      req,
      path('authorization.k8s.io', 'localsubjectaccessreviews', 'onap'),
      () => ({ spec })
    )
    expect(statusOf(ok)).to.deep.equal({ allowed: true })
    expect(() =>
      authz.review(req, path('authorization.k8s.io', 'localsubjectaccessreviews', 'other'), () => ({
        spec,
      }))
    ).to.throw('spec.resourceAttributes.namespace must match namespace: other')
  })

  it('lists the rules of the requester in a namespace (SelfSubjectRulesReview)', () => {
    const { authz } = setup()
    const r = authz.review(
      post(SA, SA_GROUPS),
      path('authorization.k8s.io', 'selfsubjectrulesreviews'),
      () => ({
        spec: { namespace: 'onap' },
      })
    )
    const s = statusOf(r) as {
      resourceRules: { resources: string[] }[]
      nonResourceRules: unknown[]
      incomplete: boolean
    }
    expect(s.incomplete).to.equal(false)
    expect(s.resourceRules.some((x) => x.resources.includes('pods'))).to.equal(true)
    expect(s.resourceRules.some((x) => x.resources.includes('secrets'))).to.equal(false)
    expect(s.nonResourceRules.length).to.be.greaterThan(0)
    const elsewhere = authz.review(
      post(SA, SA_GROUPS),
      path('authorization.k8s.io', 'selfsubjectrulesreviews'),
      () => ({
        spec: { namespace: 'default' },
      })
    )
    const e = statusOf(elsewhere) as { resourceRules: { resources: string[] }[] }
    expect(e.resourceRules.some((x) => x.resources.includes('pods'))).to.equal(false)
  })

  it('answers TokenReview from the token it carries, and leaves other requests alone', () => {
    const { authz } = setup()
    const req = post('kubernetes-admin', ['system:masters'])
    const tr = (token: string) =>
      authz.review(req, path('authentication.k8s.io', 'tokenreviews'), () => ({ spec: { token } }))
    expect(statusOf(tr('admin-token'))).to.deep.equal({
      authenticated: true,
      user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    })
    expect(statusOf(tr('forged'))).to.deep.equal({ authenticated: false, user: {} })
    expect(() => tr('')).to.throw('token is required for TokenReview in authentication')
    expect(authz.review(req, path('', 'pods', 'onap'), () => ({}))).to.equal(undefined)
    expect(
      authz.review(
        { ...req, method: 'GET' },
        path('authentication.k8s.io', 'tokenreviews'),
        () => ({})
      )
    ).to.equal(undefined)
  })
})
