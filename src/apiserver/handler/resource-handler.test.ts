import { expect } from 'chai'
import {
  dig,
  MERGE,
  STRATEGIC,
  TABLE_ACCEPT,
  useHandlerHarness,
  widgetsCrd,
  type Obj,
} from '../../testing/apiserver/index.js'

describe('ResourceHandler', () => {
  const { call, ok, namespace } = useHandlerHarness({ namespacePrefix: 'rh' })

  describe('routing', () => {
    it('answers 404 with Kubernetes text for unknown resources and wrong scopes', async () => {
      for (const path of [
        '/api/v1/widgets',
        '/apis/apps/v9/deployments',
        '/api/v1/namespaces/default/nodes',
        '/api/v1/configmaps/some-name',
        '/api/v1/namespaces/default/pods/p/q/r',
      ]) {
        const a = await call('GET', path)
        expect(a.status, path).to.equal(404)
        expect(a.body, path).to.include({
          kind: 'Status',
          reason: 'NotFound',
          message: 'the server could not find the requested resource',
        })
      }
    })

    it('answers 405 for verbs a path does not have', async () => {
      const put = await call('PUT', '/api/v1/namespaces/default/configmaps', { body: {} })
      expect(put.status).to.equal(405)
      expect(put.body.reason).to.equal('MethodNotAllowed')
      expect(
        (await call('POST', '/api/v1/namespaces/default/configmaps/x', { body: {} })).status
      ).to.equal(405)
      expect((await call('DELETE', '/api/v1/componentstatuses/x')).status).to.equal(405)
      expect((await call('POST', '/version')).status).to.equal(405)
    })

    it('lists an empty collection in a namespace that does not exist', async () => {
      const list = await ok('GET', '/api/v1/namespaces/does-not-exist/pods')
      expect(list).to.include({ kind: 'PodList', apiVersion: 'v1' })
      expect(list.items).to.deep.equal([])
    })

    it('answers 201 allowed for a SelfSubjectAccessReview', async () => {
      const a = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: 'create', resource: 'pods' } },
        },
      })
      expect(a.status).to.equal(201)
      expect(a.body).to.nested.include({ kind: 'SelfSubjectAccessReview', 'status.allowed': true })
      expect(a.body).to.nested.include({ 'spec.resourceAttributes.verb': 'create' })
    })
  })

  describe('bodies', () => {
    it('accepts JSON and YAML bytes and refuses unknown content types with 415', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await ok('POST', base, {
        body: '{"metadata":{"name":"j"}}',
        headers: { 'content-type': 'application/json' },
      })
      await ok('POST', base, {
        body: 'metadata:\n  name: y\ndata:\n  k: v\n',
        headers: { 'content-type': 'application/yaml' },
      })
      expect(await ok('GET', `${base}/y`)).to.nested.include({ 'data.k': 'v' })
      const a = await call('POST', base, { body: 'x', headers: { 'content-type': 'text/plain' } })
      expect(a.status).to.equal(415)
      expect(a.body.message).to.match(
        /^the body of the request was in an unknown format - accepted media types include: application\/json/
      )
    })

    it('refuses malformed JSON, non-objects and empty bodies with 400', async () => {
      const base = '/api/v1/namespaces/default/configmaps'
      const bad = await call('POST', base, {
        body: '{"metadata":',
        headers: { 'content-type': 'application/json' },
      })
      expect(bad.status).to.equal(400)
      expect(bad.body.message).to.match(/^couldn't get version\/kind; json parse error/)
      expect(
        (
          await call('POST', base, {
            body: '[1,2]',
            headers: { 'content-type': 'application/json' },
          })
        ).status
      ).to.equal(400)
      expect(
        (await call('POST', base, { body: '', headers: { 'content-type': 'application/json' } }))
          .status
      ).to.equal(400)
      expect((await call('POST', base)).status).to.equal(400)
    })

    it('refuses bodies nested deeper than 500 levels with 400 rather than overflowing the stack', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
      const json = { 'content-type': 'application/json' }
      await ok('POST', base, {
        body: `{"metadata":{"name":"ok"},"x":${nested(400)}}`,
        headers: json,
      })
      for (const [type, body] of [
        ['application/json', `{"metadata":{"name":"deep"},"x":${nested(3000)}}`],
        ['application/json', '['.repeat(20000) + ']'.repeat(20000)],
        ['application/merge-patch+json', `{"x":${nested(3000)}}`],
      ] as const) {
        const a = await call(
          type.includes('patch') ? 'PATCH' : 'POST',
          type.includes('patch') ? `${base}/ok` : base,
          {
            body,
            headers: { 'content-type': type },
          }
        )
        expect(a.status, type).to.equal(400)
        expect(a.body.message).to.contain('exceeded max depth')
      }
    })

    it('refuses an object of another namespace than the URL with 400', async () => {
      const a = await call('POST', '/api/v1/namespaces/default/configmaps', {
        body: { metadata: { name: 'x', namespace: 'kube-system' } },
      })
      expect(a.status).to.equal(400)
      expect(a.body.message).to.equal(
        'the namespace of the provided object does not match the namespace sent on the request'
      )
    })

    it('refuses dryRun values other than All with 400', async () => {
      const a = await call('POST', '/api/v1/namespaces/default/configmaps', {
        query: { dryRun: 'yes' },
        body: { metadata: { name: 'x' } },
      })
      expect(a.status).to.equal(400)
      expect(a.body.message).to.contain('supported values: "All"')
    })
  })

  describe('CustomResourceDefinitions', () => {
    const crd = widgetsCrd({
      shortNames: ['wd'],
      spec: {
        additionalPrinterColumns: [{ name: 'Size', type: 'integer', JSONPath: '.spec.size' }],
      },
    })

    it('serves a custom resource as soon as its CRD is created, and stops when it is deleted', async () => {
      const ns = await namespace()
      const base = `/apis/example.com/v1/namespaces/${ns}/widgets`
      expect((await call('GET', base)).status).to.equal(404)
      const created = await ok(
        'POST',
        '/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions',
        { body: crd }
      )
      expect(created.kind).to.equal('CustomResourceDefinition')
      // Established is written by the API server's apiextensions controller, a moment later.
      let conditions: Obj[] | undefined
      for (let i = 0; i < 100 && !conditions; i++) {
        const stored = await ok(
          'GET',
          '/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions/widgets.example.com'
        )
        conditions = dig(stored, 'status.conditions') as Obj[] | undefined
        if (!conditions) await new Promise((r) => setTimeout(r, 20))
      }
      expect(conditions?.find((c) => c.type === 'Established')).to.include({ status: 'True' })

      const discovery = await ok('GET', '/apis/example.com/v1')
      expect(discovery).to.include({ kind: 'APIResourceList', groupVersion: 'example.com/v1' })
      expect((discovery.resources as Obj[])[0]).to.include({
        name: 'widgets',
        kind: 'Widget',
        namespaced: true,
      })
      const groups = ((await ok('GET', '/apis')).groups as Obj[]).map((g) => g.name)
      expect(groups).to.include('example.com')

      const w = await call('POST', base, {
        body: {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w1' },
          spec: { size: 3 },
        },
      })
      expect(w.status).to.equal(201)
      expect(w.body).to.nested.include({ 'metadata.generation': 1, 'spec.size': 3 })
      const table = await ok('GET', base, { headers: { accept: TABLE_ACCEPT } })
      expect((table.columnDefinitions as Obj[]).map((c) => c.name)).to.deep.equal(['Name', 'Size'])
      expect((table.rows as Obj[])[0]!.cells).to.deep.equal(['w1', 3])
      const merged = await ok('PATCH', `${base}/w1`, {
        headers: { 'content-type': MERGE },
        body: '{"spec":{"size":4}}',
      })
      expect(merged).to.nested.include({ 'spec.size': 4, 'metadata.generation': 2 })
      const smp = await call('PATCH', `${base}/w1`, {
        headers: { 'content-type': STRATEGIC },
        body: '{"spec":{"size":5}}',
      })
      expect(smp.status).to.equal(415)
      expect(smp.body.message).to.not.contain('strategic-merge-patch')
      expect(smp.body.message).to.contain('application/merge-patch+json')

      await ok(
        'DELETE',
        '/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions/widgets.example.com'
      )
      const after = await call('GET', base)
      expect(after.status).to.equal(404)
      expect(after.body.message).to.equal('the server could not find the requested resource')
      expect((await call('GET', '/apis/example.com/v1')).status).to.equal(404)
    })
  })
})
