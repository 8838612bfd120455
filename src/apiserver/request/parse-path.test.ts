import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import { parsePath, type PathTarget } from './index.js'

function code(path: string): number {
  try {
    parsePath(path)
  } catch (err) {
    if (isStatusError(err)) return err.code
    throw err
  }
  return 200
}

function resource(path: string): unknown {
  const t: PathTarget = parsePath(path)
  expect(t.type, path).to.equal('resource')
  return t.type === 'resource' ? t.path : undefined
}

describe('parsePath()', () => {
  it('names the fixed endpoints and discovery documents', () => {
    expect(parsePath('/')).to.deep.equal({ type: 'root' })
    expect(parsePath('/version')).to.deep.equal({ type: 'version' })
    expect(parsePath('/version/')).to.deep.equal({ type: 'version' })
    expect(parsePath('/readyz')).to.deep.equal({ type: 'health', which: 'readyz' })
    expect(parsePath('/api')).to.deep.equal({ type: 'rootApi' })
    expect(parsePath('/apis')).to.deep.equal({ type: 'rootApis' })
    expect(parsePath('/api/v1')).to.deep.equal({ type: 'groupVersion', group: '', version: 'v1' })
    expect(parsePath('/apis/apps')).to.deep.equal({ type: 'group', group: 'apps' })
    expect(parsePath('/apis/apps/v1')).to.deep.equal({
      type: 'groupVersion',
      group: 'apps',
      version: 'v1',
    })
    expect(parsePath('/openapi/v2')).to.deep.equal({ type: 'openapiV2' })
    expect(parsePath('/openapi/v3')).to.deep.equal({ type: 'openapiV3Index' })
    expect(parsePath('/openapi/v3/api/v1')).to.deep.equal({
      type: 'openapiV3',
      group: '',
      version: 'v1',
    })
    expect(parsePath('/openapi/v3/apis/apps/v1')).to.deep.equal({
      type: 'openapiV3',
      group: 'apps',
      version: 'v1',
    })
  })

  it('splits resource paths into namespace, resource, name and subresource', () => {
    expect(resource('/api/v1/pods')).to.deep.equal({
      group: '',
      version: 'v1',
      resource: 'pods',
      legacyWatch: false,
    })
    expect(resource('/api/v1/namespaces/ns/pods/p/log')).to.deep.equal({
      group: '',
      version: 'v1',
      namespace: 'ns',
      resource: 'pods',
      name: 'p',
      subresource: 'log',
      legacyWatch: false,
    })
    expect(resource('/apis/apps/v1/namespaces/ns/deployments/web/scale')).to.include({
      group: 'apps',
      namespace: 'ns',
      resource: 'deployments',
      name: 'web',
      subresource: 'scale',
    })
  })

  it('tells the namespace object (and its status and finalize) from namespaced paths', () => {
    expect(resource('/api/v1/namespaces')).to.include({ resource: 'namespaces' })
    expect(resource('/api/v1/namespaces/ns')).to.include({ resource: 'namespaces', name: 'ns' })
    expect(resource('/api/v1/namespaces/ns/status')).to.include({
      resource: 'namespaces',
      name: 'ns',
      subresource: 'status',
    })
    expect(resource('/api/v1/namespaces/ns/finalize')).to.include({
      resource: 'namespaces',
      name: 'ns',
      subresource: 'finalize',
    })
    expect(resource('/api/v1/namespaces/ns/configmaps')).to.include({
      namespace: 'ns',
      resource: 'configmaps',
    })
  })

  it('recognises the legacy /watch/ prefix', () => {
    expect(resource('/api/v1/watch/namespaces/ns/pods')).to.include({
      namespace: 'ns',
      resource: 'pods',
      legacyWatch: true,
    })
    expect(resource('/apis/apps/v1/watch/deployments')).to.include({
      resource: 'deployments',
      legacyWatch: true,
    })
  })

  it('decodes percent-escapes in segments', () => {
    expect(resource('/api/v1/namespaces/ns/configmaps/a%2Db')).to.include({ name: 'a-b' })
  })

  it('answers 404 for paths the API does not have and 400 for malformed ones', () => {
    for (const p of [
      '/foo',
      '/version/x',
      '/openapi/v4',
      '/api/v1/namespaces/ns/pods/p/log/extra',
      '/api/v1/namespaces/a%2Fb/pods',
      '/api/v1/namespaces/../pods/x',
    ]) {
      expect(code(p), p).to.equal(404)
    }
    expect(code('/api/v1/namespaces/%zz/pods')).to.equal(400)
    // A name of `.` or `..`, however encoded, is refused as kube-apiserver's key functions refuse it.
    expect(code('/api/v1/namespaces/ns/pods/%2E%2E')).to.equal(400)
    expect(code(`/api/v1/namespaces/${'a'.repeat(5000)}/pods`)).to.equal(400)
  })

  it('answers the same path twice with one read-only object, and a new path afresh', () => {
    const a = parsePath('/api/v1/namespaces/ns/pods/a')
    expect(parsePath('/api/v1/namespaces/ns/pods/a')).to.equal(a)
    expect(() => {
      ;(a as { type: string }).type = 'root'
    }).to.throw(TypeError)
    expect(() => {
      if (a.type === 'resource') (a.path as { name?: string }).name = 'b'
    }).to.throw(TypeError)
    // Another path is parsed anew, never taken from the one before.
    expect(parsePath('/api/v1/namespaces/ns/pods/b')).to.deep.include({ type: 'resource' })
    const b = parsePath('/api/v1/namespaces/ns/pods/b')
    expect(b.type === 'resource' && b.path.name).to.equal('b')
    expect(parsePath('/api/v1/namespaces/ns/pods/a')).to.not.equal(b)
    // A failing path is not remembered as the last one.
    expect(() => parsePath('/foo')).to.throw()
    expect(parsePath('/api/v1/namespaces/ns/pods/a')).to.deep.equal(a)
  })
})
