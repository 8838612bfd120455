import { expect } from 'chai'
import { RbacAuthorizer } from './rbac-authorizer.js'
import { requestAttributes } from './request-attributes.js'
import { bind, bindViewToOnapDefault, policyStore, role } from './test-store.js'
import { serviceAccountUser, type UserInfo } from './user-info.js'

const at = (m: string, p: string) => requestAttributes(m, p, new URLSearchParams())
const sa = serviceAccountUser('onap', 'default')

describe('RbacAuthorizer', () => {
  it('allows system:masters anything and a bare service account only discovery and self reviews', () => {
    const rbac = new RbacAuthorizer(policyStore())
    const master: UserInfo = { name: 'admin', groups: ['system:masters'] }
    expect(rbac.authorize(master, at('DELETE', '/api/v1/nodes/n1')).allowed).to.equal(true)
    expect(rbac.authorize(sa, at('GET', '/api/v1/namespaces/onap/pods')).allowed).to.equal(false)
    expect(rbac.authorize(sa, at('GET', '/apis/apps/v1')).allowed).to.equal(true)
    expect(rbac.authorize(sa, at('GET', '/version')).allowed).to.equal(true)
    expect(rbac.authorize(sa, at('GET', '/logs/')).allowed).to.equal(false)
    const ssar = at('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')
    expect(rbac.authorize(sa, ssar).allowed).to.equal(true)
    const sar = at('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews')
    expect(rbac.authorize(sa, sar).allowed).to.equal(false)
  })

  it('grants a ClusterRole through a RoleBinding in its namespace only', () => {
    const store = policyStore()
    bindViewToOnapDefault(store)
    const rbac = new RbacAuthorizer(store)
    expect(rbac.authorize(sa, at('GET', '/api/v1/namespaces/onap/pods/x/log')).allowed).to.equal(
      true
    )
    expect(rbac.authorize(sa, at('GET', '/api/v1/namespaces/onap/secrets')).allowed).to.equal(false)
    expect(rbac.authorize(sa, at('POST', '/api/v1/namespaces/onap/pods/x/exec')).allowed).to.equal(
      false
    )
    expect(rbac.authorize(sa, at('GET', '/api/v1/namespaces/default/pods')).allowed).to.equal(false)
    expect(rbac.authorize(sa, at('GET', '/api/v1/pods')).allowed).to.equal(false)
    const other = serviceAccountUser('onap', 'other')
    expect(rbac.authorize(other, at('GET', '/api/v1/namespaces/onap/pods')).allowed).to.equal(false)
  })

  it('grants a namespaced Role, and users and groups named by a ClusterRoleBinding', () => {
    const store = policyStore()
    role(store, 'onap', 'cm-a', [
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
    ])
    bind(store, 'r', { kind: 'Role', name: 'cm-a' }, [{ kind: 'User', name: 'alice' }], 'onap')
    bind(store, 'c', { kind: 'ClusterRole', name: 'edit' }, [{ kind: 'Group', name: 'ops' }])
    const rbac = new RbacAuthorizer(store)
    const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] }
    expect(
      rbac.authorize(alice, at('GET', '/api/v1/namespaces/onap/configmaps/a')).allowed
    ).to.equal(true)
    expect(
      rbac.authorize(alice, at('GET', '/api/v1/namespaces/onap/configmaps/b')).allowed
    ).to.equal(false)
    expect(rbac.authorize(alice, at('GET', '/api/v1/namespaces/x/configmaps/a')).allowed).to.equal(
      false
    )
    const ops: UserInfo = { name: 'bob', groups: ['ops'] }
    expect(
      rbac.authorize(ops, at('POST', '/apis/apps/v1/namespaces/x/deployments')).allowed
    ).to.equal(true)
    expect(
      rbac.authorize(ops, at('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/x/roles'))
        .allowed
    ).to.equal(false)
  })

  it('gives the missing role as the reason of a denial, and in the rules of the user', () => {
    const store = policyStore()
    bind(store, 'gone', { kind: 'ClusterRole', name: 'nope' }, [
      { kind: 'ServiceAccount', name: 'default', namespace: 'onap' },
    ])
    const rbac = new RbacAuthorizer(store)
    expect(rbac.authorize(sa, at('GET', '/api/v1/namespaces/onap/pods'))).to.deep.equal({
      allowed: false,
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found',
    })
    const rules = rbac.rulesFor(sa, 'onap')
    expect(rules.errors).to.deep.equal(['clusterrole.rbac.authorization.k8s.io "nope" not found'])
    expect(rules.rules.some((r) => r.resources?.includes('selfsubjectaccessreviews'))).to.equal(
      true
    )
    expect(rules.rules.some((r) => r.resources?.includes('pods'))).to.equal(false)
  })
})
