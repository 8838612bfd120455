import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import { ApiAuthz } from './api-authz.js'
import { callerIdentity, type CallerIdentity } from './caller-identity.js'
import { requestAttributes } from './request-attributes.js'
import { bind, policyStore } from './test-store.js'

function setup() {
  const store = policyStore()
  return { store, authz: new ApiAuthz({ store, adminToken: 't' }) }
}

/** Returns '' when allowed, else the 403's message. */
function check(authz: ApiAuthz, c: CallerIdentity, method: string, path: string, q = ''): string {
  try {
    authz.admitCaller(c, method, path, new URLSearchParams(q))
    return ''
  } catch (err) {
    if (!isStatusError(err)) throw err
    expect(err.code).to.equal(403)
    return err.message
  }
}

const pod = (name: string, node: string, secret: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'onap' },
  spec: {
    nodeName: node,
    volumes: [{ name: 'v', secret: { secretName: secret } }],
    containers: [{ name: 'c', envFrom: [{ configMapRef: { name: `${name}-config` } }] }],
  },
})

describe('in-process component identities', () => {
  it('gives the controller manager its controllers’ accounts, and refuses what none of them may do', () => {
    const { authz } = setup()
    const kcm = callerIdentity('kube-controller-manager')!
    expect(kcm.user.name).to.equal('system:kube-controller-manager')
    expect(check(authz, kcm, 'POST', '/api/v1/namespaces/onap/pods')).to.equal('')
    expect(check(authz, kcm, 'PUT', '/apis/apps/v1/namespaces/onap/deployments/d/status')).to.equal(
      ''
    )
    expect(check(authz, kcm, 'GET', '/api/v1/pods', 'watch=true')).to.equal('')
    expect(
      check(authz, kcm, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings')
    ).to.equal(
      'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "system:kube-controller-manager" ' +
        'cannot create clusterrolebindings.rbac.authorization.k8s.io at the cluster scope'
    )
  })

  it('lets the scheduler bind pods but not create them', () => {
    const { authz } = setup()
    const s = callerIdentity('default-scheduler')!
    expect(check(authz, s, 'POST', '/api/v1/namespaces/onap/pods/p/binding')).to.equal('')
    expect(check(authz, s, 'GET', '/api/v1/nodes')).to.equal('')
    expect(check(authz, s, 'POST', '/api/v1/namespaces/onap/pods')).to.equal(
      'pods is forbidden: User "system:kube-scheduler" cannot create pods in the namespace "onap"'
    )
  })

  it('leaves the lab’s own plumbing (kubeadm, the install, the network) with the admin’s rights', () => {
    for (const ua of ['kubeadm', 'kube-proxy', 'apps', 'bench'])
      expect(callerIdentity(ua)).to.equal(undefined)
  })

  it('authorizes kubelets with the Node authorizer: only what pods bound to their node use', () => {
    const { store, authz } = setup()
    store.create('pods', pod('a', 'node-1', 'secret-a'))
    store.create('pods', pod('b', 'node-2', 'secret-b'))
    const n1 = callerIdentity('kubelet', 'system:node:node-1')!
    expect(n1.user.groups).to.include('system:nodes')
    expect(check(authz, n1, 'GET', '/api/v1/namespaces/onap/secrets/secret-a')).to.equal('')
    expect(check(authz, n1, 'GET', '/api/v1/namespaces/onap/configmaps/a-config')).to.equal('')
    expect(check(authz, n1, 'GET', '/api/v1/namespaces/onap/secrets/secret-b')).to.equal(
      'secrets "secret-b" is forbidden: User "system:node:node-1" cannot get secrets in the namespace "onap": no path found to object'
    )
    expect(check(authz, n1, 'GET', '/api/v1/namespaces/onap/secrets')).to.match(
      /cannot list secrets in the namespace "onap": can only get individual resources of this type$/
    )
    expect(check(authz, n1, 'PATCH', '/api/v1/namespaces/onap/pods/a/status')).to.equal('')
    expect(check(authz, n1, 'PUT', '/api/v1/nodes/node-1/status')).to.equal('')
    expect(check(authz, n1, 'DELETE', '/api/v1/namespaces/onap/services/x')).to.match(
      /^services "x" is forbidden: User "system:node:node-1" cannot delete services/
    )
  })

  it('authorizes a pod’s account by its bindings, and sees a binding come and go at once (cached decisions dropped)', () => {
    const { store, authz } = setup()
    const sa = callerIdentity('apps', 'system:serviceaccount:onap:msb')!
    const list = () => check(authz, sa, 'GET', '/api/v1/services')
    expect(list()).to.equal(
      'services is forbidden: User "system:serviceaccount:onap:msb" cannot list services at the cluster scope'
    )
    expect(list()).to.not.equal('')
    bind(store, 'onap-msb-binding', { kind: 'ClusterRole', name: 'cluster-admin' }, [
      { kind: 'ServiceAccount', name: 'msb', namespace: 'onap' },
    ])
    expect(list()).to.equal('')
    store.delete({
      storage: 'clusterrolebindings.rbac.authorization.k8s.io',
      namespace: '',
      name: 'onap-msb-binding',
    })
    expect(list()).to.not.equal('')
  })

  it('caches decisions per user and request: the same question twice is answered once', () => {
    const { authz } = setup()
    const a = requestAttributes('GET', '/api/v1/namespaces/onap/pods', new URLSearchParams())
    const u = { name: 'alice', groups: ['system:authenticated'] }
    const first = authz.rbac.authorize(u, a)
    expect(authz.rbac.authorize(u, a)).to.equal(first)
    expect(authz.rbac.authorize({ ...u, groups: ['system:masters'] }, a).allowed).to.equal(true)
  })
})
