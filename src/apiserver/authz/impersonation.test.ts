import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import { impersonate } from './impersonation.js'
import { RbacAuthorizer } from './rbac-authorizer.js'
import { bind, policyStore } from './test-store.js'
import { serviceAccountUser, type UserInfo } from './user-info.js'

const master: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['system:masters', 'system:authenticated'],
}

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

describe('impersonate', () => {
  const rbac = new RbacAuthorizer(policyStore())
  const authorize = rbac.authorize.bind(rbac)

  it('returns the caller without headers, and the impersonated user for system:masters', () => {
    expect(impersonate(master, {}, authorize)).to.equal(master)
    expect(
      impersonate(master, { 'impersonate-user': 'system:serviceaccount:onap:sa' }, authorize)
    ).to.deep.equal({
      name: 'system:serviceaccount:onap:sa',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:onap', 'system:authenticated'],
    })
    expect(
      impersonate(
        master,
        { 'impersonate-user': 'alice', 'impersonate-group': ['ops', 'dev'] },
        authorize
      )
    ).to.deep.equal({ name: 'alice', groups: ['ops', 'dev', 'system:authenticated'] })
  })

  it('refuses a user RBAC does not let impersonate, with the 403 naming what was asked', () => {
    const err = thrown(() =>
      impersonate(serviceAccountUser('onap', 'default'), { 'impersonate-user': 'alice' }, authorize)
    )
    expect(isStatusError(err, 'Forbidden')).to.equal(true)
    expect((err as Error).message).to.equal(
      'users "alice" is forbidden: User "system:serviceaccount:onap:default" cannot impersonate users at the cluster scope'
    )
  })

  it('lets an editor impersonate service accounts of its namespace only', () => {
    const store = policyStore()
    bind(store, 'e', { kind: 'ClusterRole', name: 'edit' }, [{ kind: 'User', name: 'dev' }], 'onap')
    const r = new RbacAuthorizer(store)
    const dev: UserInfo = { name: 'dev', groups: ['system:authenticated'] }
    const as = (u: string) => () => impersonate(dev, { 'impersonate-user': u }, r.authorize.bind(r))
    expect(as('system:serviceaccount:onap:x')().name).to.equal('system:serviceaccount:onap:x')
    expect((thrown(as('system:serviceaccount:kube-system:x')) as Error).message).to.equal(
      'serviceaccounts "x" is forbidden: User "dev" cannot impersonate serviceaccounts in the namespace "kube-system"'
    )
  })

  it('refuses groups without a user with 400', () => {
    const err = thrown(() => impersonate(master, { 'impersonate-group': 'ops' }, authorize))
    expect(isStatusError(err, 'BadRequest')).to.equal(true)
  })
})
