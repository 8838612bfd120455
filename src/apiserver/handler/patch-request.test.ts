import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import {
  APPLY,
  dig,
  JSON_PATCH,
  MERGE,
  STRATEGIC,
  useHandlerHarness,
  type Obj,
} from '../../testing/apiserver/index.js'

describe('PATCH through the handler', () => {
  const { call, ok, namespace } = useHandlerHarness({ namespacePrefix: 'patch' })

  function deployment(name: string): KubeObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              { name: 'a', image: 'a:1' },
              { name: 'b', image: 'b:1' },
            ],
          },
        },
      },
    }
  }

  describe('patch', () => {
    it('applies a merge patch', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await ok('POST', base, {
        body: { metadata: { name: 'c', labels: { a: '1', b: '2' } }, data: { k: 'v' } },
      })
      const patched = await ok('PATCH', `${base}/c`, {
        headers: { 'content-type': MERGE },
        body: '{"metadata":{"labels":{"a":null,"c":"3"}},"data":{"k2":"v2"}}',
      })
      expect(dig(patched, 'metadata.labels')).to.deep.equal({ b: '2', c: '3' })
      expect(patched.data).to.deep.equal({ k: 'v', k2: 'v2' })
    })

    it('applies a JSON patch and answers 422 when a test operation fails', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await ok('POST', base, { body: { metadata: { name: 'c' }, data: { k: 'v' } } })
      const patched = await ok('PATCH', `${base}/c`, {
        headers: { 'content-type': JSON_PATCH },
        body: JSON.stringify([
          { op: 'test', path: '/data/k', value: 'v' },
          { op: 'add', path: '/data/n', value: '1' },
        ]),
      })
      expect(patched.data).to.deep.equal({ k: 'v', n: '1' })
      const failed = await call('PATCH', `${base}/c`, {
        headers: { 'content-type': JSON_PATCH },
        body: JSON.stringify([
          { op: 'test', path: '/data/k', value: 'other' },
          { op: 'remove', path: '/data/k' },
        ]),
      })
      expect(failed.status).to.equal(422)
      expect(failed.body.kind).to.equal('Status')
      expect(dig(await ok('GET', `${base}/c`), 'data.k')).to.equal('v')
      const notAList = await call('PATCH', `${base}/c`, {
        headers: { 'content-type': JSON_PATCH },
        body: '{"op":"add"}',
      })
      expect(notAList.status).to.equal(400)
    })

    it('applies a strategic merge patch with $setElementOrder', async () => {
      const ns = await namespace()
      const base = `/apis/apps/v1/namespaces/${ns}/deployments`
      await ok('POST', base, { body: deployment('web') })
      const patched = await ok('PATCH', `${base}/web`, {
        headers: { 'content-type': STRATEGIC },
        body: JSON.stringify({
          spec: {
            template: {
              spec: {
                '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
                containers: [{ name: 'b', image: 'b:2' }],
              },
            },
          },
        }),
      })
      const containers = dig(patched, 'spec.template.spec.containers') as Obj[]
      expect(containers.map((c) => [c.name, c.image])).to.deep.equal([
        ['b', 'b:2'],
        ['a', 'a:1'],
      ])
      expect(dig(patched, 'metadata.generation')).to.equal(2)
    })

    it('creates with apply (201), then updates (200) and records managedFields', async () => {
      const ns = await namespace()
      const path = `/api/v1/namespaces/${ns}/configmaps/applied`
      const body = JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'applied' },
        data: { a: '1' },
      })
      const created = await call('PATCH', path, {
        headers: { 'content-type': APPLY },
        query: { fieldManager: 'tool' },
        body,
      })
      expect(created.status).to.equal(201)
      expect(created.body.data).to.deep.equal({ a: '1' })
      const updated = await call('PATCH', path, {
        headers: { 'content-type': APPLY },
        query: { fieldManager: 'tool' },
        body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  b: "2"\n',
      })
      expect(updated.status).to.equal(200)
      expect(updated.body.data).to.deep.equal({ b: '2' })
      const managed = dig(updated.body, 'metadata.managedFields') as Obj[]
      expect(managed).to.have.length(1)
      expect(managed[0]).to.include({
        manager: 'tool',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
      })
      expect(dig(managed[0], 'fieldsV1.f:data')).to.deep.equal({ 'f:b': {} })
    })

    it('refuses apply without a fieldManager with 400', async () => {
      const a = await call('PATCH', '/api/v1/namespaces/default/configmaps/x', {
        headers: { 'content-type': APPLY },
        body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}',
      })
      expect(a.status).to.equal(400)
      expect(a.body.message).to.equal(
        'PATCH requests with the apply content type require a fieldManager'
      )
    })

    it('answers 409 for an apply conflicting with another manager unless forced', async () => {
      const ns = await namespace()
      const path = `/api/v1/namespaces/${ns}/configmaps/shared`
      const apply = (manager: string, value: string, force?: boolean) =>
        call('PATCH', path, {
          headers: { 'content-type': APPLY },
          query: { fieldManager: manager, ...(force ? { force: 'true' } : {}) },
          body: JSON.stringify({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'shared' },
            data: { k: value },
          }),
        })
      expect((await apply('first', '1')).status).to.equal(201)
      const conflict = await apply('second', '2')
      expect(conflict.status).to.equal(409)
      expect(conflict.body.reason).to.equal('Conflict')
      expect(conflict.body.message).to.equal(
        'Apply failed with 1 conflict: conflict with "first": .data.k'
      )
      const forced = await apply('second', '2', true)
      expect(forced.status).to.equal(200)
      expect(dig(forced.body, 'data.k')).to.equal('2')
      const managers = (dig(forced.body, 'metadata.managedFields') as Obj[]).map((m) => m.manager)
      expect(managers).to.include('second')
    })

    it('refuses unknown patch types with 415 and patches of missing objects with 404', async () => {
      const a = await call('PATCH', '/api/v1/namespaces/default/configmaps/x', {
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      expect(a.status).to.equal(415)
      const b = await call('PATCH', '/api/v1/namespaces/default/configmaps/missing', {
        headers: { 'content-type': MERGE },
        body: '{}',
      })
      expect(b.status).to.equal(404)
      expect(b.body.message).to.equal('configmaps "missing" not found')
    })
  })
})
