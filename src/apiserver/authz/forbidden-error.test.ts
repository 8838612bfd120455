import { expect } from 'chai'
import { forbiddenError } from './forbidden-error.js'
import { nonResourceAttributes, requestAttributes } from './request-attributes.js'

const U = 'system:serviceaccount:onap:default'
const at = (m: string, p: string) => requestAttributes(m, p, new URLSearchParams())

describe('forbiddenError', () => {
  it('words a named namespaced request as kube-apiserver 1.11', () => {
    const e = forbiddenError(U, at('GET', '/apis/apps/v1/namespaces/onap/deployments/web'), '')
    expect(e.code).to.equal(403)
    expect(e.toStatus()).to.deep.include({
      reason: 'Forbidden',
      message: `deployments.apps "web" is forbidden: User "${U}" cannot get deployments.apps in the namespace "onap"`,
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    })
  })

  it('leaves the name out of a list and says cluster scope without a namespace', () => {
    expect(forbiddenError(U, at('GET', '/api/v1/nodes'), '').message).to.equal(
      `nodes is forbidden: User "${U}" cannot list nodes at the cluster scope`
    )
  })

  it('appends the subresource, and the reason after a colon', () => {
    expect(
      forbiddenError(U, at('POST', '/api/v1/namespaces/onap/pods/p/exec'), 'RBAC: x').message
    ).to.equal(
      `pods "p" is forbidden: User "${U}" cannot create pods/exec in the namespace "onap": RBAC: x`
    )
  })

  it('words a non-resource path', () => {
    const e = forbiddenError(U, nonResourceAttributes('get', '/logs/'), '')
    expect(e.message).to.equal(`forbidden: User "${U}" cannot get path "/logs/"`)
    expect(e.toStatus().details).to.deep.equal({})
  })
})
