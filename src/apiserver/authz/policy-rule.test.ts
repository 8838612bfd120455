import { expect } from 'chai'
import { ruleAllows } from './policy-rule.js'
import { nonResourceAttributes, type RequestAttributes } from './request-attributes.js'

const req = (o: Partial<RequestAttributes>): RequestAttributes => ({
  verb: 'get',
  resourceRequest: true,
  path: '',
  apiGroup: '',
  apiVersion: 'v1',
  namespace: 'onap',
  resource: 'pods',
  subresource: '',
  name: '',
  ...o,
})

describe('ruleAllows', () => {
  it('matches verbs, groups and resources exactly or through *', () => {
    const r = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }
    expect(ruleAllows(req({}), r)).to.equal(true)
    expect(ruleAllows(req({ verb: 'delete' }), r)).to.equal(false)
    expect(ruleAllows(req({ apiGroup: 'apps', resource: 'pods' }), r)).to.equal(false)
    expect(ruleAllows(req({ resource: 'secrets' }), r)).to.equal(false)
    const all = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }
    expect(ruleAllows(req({ verb: 'deletecollection', apiGroup: 'apps' }), all)).to.equal(true)
  })

  it('matches a subresource only when named, by resource/sub, * or */sub', () => {
    const log = req({ subresource: 'log' })
    expect(ruleAllows(log, { verbs: ['get'], apiGroups: [''], resources: ['pods'] })).to.equal(
      false
    )
    expect(ruleAllows(log, { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })).to.equal(
      true
    )
    expect(ruleAllows(log, { verbs: ['get'], apiGroups: [''], resources: ['*/log'] })).to.equal(
      true
    )
    expect(ruleAllows(log, { verbs: ['get'], apiGroups: [''], resources: ['*/exec'] })).to.equal(
      false
    )
    expect(ruleAllows(log, { verbs: ['get'], apiGroups: [''], resources: ['*'] })).to.equal(true)
    expect(ruleAllows(req({}), { verbs: ['get'], apiGroups: [''], resources: ['*/log'] })).to.equal(
      false
    )
  })

  it('limits to resourceNames, which a request without a name never matches', () => {
    const r = {
      verbs: ['get', 'list'],
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['a'],
    }
    expect(ruleAllows(req({ resource: 'configmaps', name: 'a' }), r)).to.equal(true)
    expect(ruleAllows(req({ resource: 'configmaps', name: 'b' }), r)).to.equal(false)
    expect(ruleAllows(req({ resource: 'configmaps', verb: 'list' }), r)).to.equal(false)
  })

  it('matches non-resource URLs exactly or by a trailing *, never resource rules', () => {
    const r = { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] }
    expect(ruleAllows(nonResourceAttributes('get', '/healthz'), r)).to.equal(true)
    expect(ruleAllows(nonResourceAttributes('get', '/apis/apps/v1'), r)).to.equal(true)
    expect(ruleAllows(nonResourceAttributes('get', '/apis'), r)).to.equal(false)
    expect(ruleAllows(nonResourceAttributes('post', '/healthz'), r)).to.equal(false)
    const resources = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }
    expect(ruleAllows(nonResourceAttributes('get', '/healthz'), resources)).to.equal(false)
    expect(ruleAllows(req({}), r)).to.equal(false)
  })
})
