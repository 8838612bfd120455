import { expect } from 'chai'
import { requestAttributes } from './request-attributes.js'

const q = (s = '') => new URLSearchParams(s)

describe('requestAttributes', () => {
  it('derives the verb from the method, the name and watch', () => {
    const v = (m: string, p: string, s = '') => requestAttributes(m, p, q(s)).verb
    expect(v('GET', '/api/v1/namespaces/onap/pods')).to.equal('list')
    expect(v('GET', '/api/v1/namespaces/onap/pods/x')).to.equal('get')
    expect(v('GET', '/api/v1/namespaces/onap/pods', 'watch=true')).to.equal('watch')
    expect(v('GET', '/api/v1/watch/namespaces/onap/pods')).to.equal('watch')
    expect(v('POST', '/api/v1/namespaces/onap/pods')).to.equal('create')
    expect(v('PUT', '/api/v1/namespaces/onap/pods/x')).to.equal('update')
    expect(v('PATCH', '/api/v1/namespaces/onap/pods/x')).to.equal('patch')
    expect(v('DELETE', '/api/v1/namespaces/onap/pods/x')).to.equal('delete')
    expect(v('DELETE', '/api/v1/namespaces/onap/pods')).to.equal('deletecollection')
  })

  it('reads group, namespace, resource, subresource and name', () => {
    const a = requestAttributes('POST', '/apis/apps/v1/namespaces/onap/deployments/web/scale', q())
    expect(a).to.include({
      apiGroup: 'apps',
      apiVersion: 'v1',
      namespace: 'onap',
      resource: 'deployments',
      subresource: 'scale',
      name: 'web',
      resourceRequest: true,
    })
  })

  it('puts a namespace in its own namespace, and a selected name on a list', () => {
    expect(requestAttributes('GET', '/api/v1/namespaces/onap', q()).namespace).to.equal('onap')
    expect(requestAttributes('GET', '/api/v1/namespaces', q()).namespace).to.equal('')
    const l = requestAttributes(
      'GET',
      '/api/v1/namespaces/onap/pods',
      q('fieldSelector=metadata.name%3Dx')
    )
    expect(l).to.include({ verb: 'list', name: 'x' })
  })

  it('treats discovery and other paths as non-resource requests', () => {
    for (const p of ['/api', '/apis/apps/v1', '/healthz', '/version', '/logs/x'])
      expect(requestAttributes('GET', p, q())).to.include({
        resourceRequest: false,
        verb: 'get',
        path: p,
      })
  })
})
