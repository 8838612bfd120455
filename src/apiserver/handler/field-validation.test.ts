import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import type { ApiResponse } from '../request/index.js'
import { startTestCluster } from '../../testing/apiserver/index.js'

type Answer = { status: number; body: Record<string, unknown>; headers: Record<string, string> }

function send(
  c: StartedSimCluster,
  method: string,
  path: string,
  body: unknown,
  query: Record<string, string> = {},
  contentType = 'application/json'
): Promise<Answer> {
  return c.api.handler
    .handle({
      method,
      path,
      query: new URLSearchParams(query),
      headers: { 'content-type': contentType },
      // A Buffer, as the HTTPS server hands bodies over: wire bodies are the ones decoded and pruned.
      body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      user: 'admin',
    })
    .then(
      (a: ApiResponse) => {
        if (!('body' in a)) throw new Error('expected a JSON answer')
        return {
          status: a.status,
          body: a.body as Record<string, unknown>,
          headers: ('headers' in a && a.headers) || {},
        }
      },
      (err: unknown) => {
        if (!isStatusError(err)) throw err
        return { status: err.code, body: err.toStatus() as never, headers: {} }
      }
    )
}

const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, foo: 'x' },
  data: { a: '1' },
  ...extra,
})

const PODS = '/api/v1/namespaces/default/pods'
const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx', bogus: 1 }], foo: true },
})

describe('unknown fields (fieldValidation)', function () {
  this.timeout(20_000)

  describe('a 1.11 profile', () => {
    let c: StartedSimCluster
    before(async () => (c = await startTestCluster()))
    after(() => c.stop())

    it('drops unknown fields silently whatever fieldValidation says (1.11 has no such parameter)', async () => {
      const a = await send(c, 'POST', PODS, pod('p'), { fieldValidation: 'Strict' })
      expect(a.status).to.equal(201)
      expect(a.headers).to.deep.equal({})
      const spec = a.body.spec as Record<string, unknown>
      expect(spec).to.not.have.property('foo')
      expect((spec.containers as Record<string, unknown>[])[0]).to.not.have.property('bogus')
      const stored = await send(c, 'GET', `${PODS}/p`, '')
      expect(stored.body.spec).to.not.have.property('foo')
    })

    it('drops them from YAML bodies, updates and patches too', async () => {
      const yaml =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\nweird: 1\ndata:\n  a: "1"\n'
      const created = await send(
        c,
        'POST',
        '/api/v1/namespaces/default/configmaps',
        yaml,
        {},
        'application/yaml'
      )
      expect(created.status).to.equal(201)
      expect(created.body).to.not.have.property('weird')
      const put = await send(
        c,
        'PUT',
        '/api/v1/namespaces/default/configmaps/y',
        cm('y', { extra: 2 })
      )
      expect(put.status).to.equal(200)
      expect(put.body).to.not.have.property('extra')
      expect(put.body.metadata).to.not.have.property('foo')
      const patched = await send(
        c,
        'PATCH',
        '/api/v1/namespaces/default/configmaps/y',
        { extra: 3, data: { b: '2' } },
        {},
        'application/merge-patch+json'
      )
      expect(patched.status).to.equal(200)
      expect(patched.body).to.not.have.property('extra')
      expect(patched.body.data).to.deep.equal({ a: '1', b: '2' })
    })
  })

  describe('a 1.33 profile', () => {
    let c: StartedSimCluster
    before(async () => (c = await startTestCluster({ kubernetesVersion: '1.33.0' })))
    after(() => c.stop())

    it('refuses unknown fields with Strict, naming each as kube-apiserver does', async () => {
      const a = await send(c, 'POST', PODS, pod('s'), { fieldValidation: 'Strict' })
      expect(a.status).to.equal(400)
      expect(a.body).to.include({
        reason: 'BadRequest',
        message:
          'Pod in version "v1" cannot be handled as a Pod: strict decoding error: ' +
          'unknown field "spec.containers[0].bogus", unknown field "spec.foo"',
      })
      expect((await send(c, 'GET', `${PODS}/s`, '')).status).to.equal(404)
    })

    it('warns with a 299 Warning header by default and with Warn, and stores the object pruned', async () => {
      for (const [name, q] of [
        ['w1', { fieldValidation: 'Warn' }],
        ['w2', {}],
      ] as const) {
        const a = await send(c, 'POST', PODS, pod(name), q)
        expect(a.status).to.equal(201)
        expect(a.headers.Warning).to.equal(
          '299 - "unknown field \\"spec.containers[0].bogus\\"", 299 - "unknown field \\"spec.foo\\""'
        )
        expect(a.body.spec).to.not.have.property('foo')
      }
    })

    it('ignores them silently with Ignore, and sends no header when all fields are known', async () => {
      const a = await send(c, 'POST', PODS, pod('i'), { fieldValidation: 'Ignore' })
      expect(a.status).to.equal(201)
      expect(a.headers).to.deep.equal({})
      expect(a.body.spec).to.not.have.property('foo')
      const clean = await send(c, 'POST', '/api/v1/namespaces/default/configmaps', {
        metadata: { name: 'clean' },
        data: { a: '1' },
      })
      expect(clean.headers).to.deep.equal({})
    })

    it('reports a key a JSON body repeats, before the unknown fields', async () => {
      const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d","name":"d"},"x":1}'
      const a = await send(c, 'POST', '/api/v1/namespaces/default/configmaps', body, {
        fieldValidation: 'Strict',
      })
      expect(a.status).to.equal(400)
      expect(a.body.message).to.equal(
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ' +
          'duplicate field "metadata.name", unknown field "x"'
      )
      const ignored = await send(c, 'POST', '/api/v1/namespaces/default/configmaps', body, {
        fieldValidation: 'Ignore',
      })
      expect(ignored.status).to.equal(201)
    })

    it('refuses a value it does not know', async () => {
      const a = await send(c, 'POST', PODS, pod('x'), { fieldValidation: 'Sometimes' })
      expect(a.status).to.equal(400)
      expect(a.body.message).to.match(/fieldValidation: Unsupported value: "Sometimes"/)
    })

    it('refuses a patch adding an unknown field with 422 on `patch`, warns with Warn', async () => {
      await send(c, 'POST', '/api/v1/namespaces/default/configmaps', {
        metadata: { name: 'p' },
        data: { a: '1' },
      })
      const path = '/api/v1/namespaces/default/configmaps/p'
      const strict = await send(
        c,
        'PATCH',
        path,
        { extra: 1 },
        { fieldValidation: 'Strict' },
        'application/merge-patch+json'
      )
      expect(strict.status).to.equal(422)
      expect(strict.body.message).to.match(
        /^ "" is invalid: patch: Invalid value: ".*\\"extra\\":1.*": strict decoding error: unknown field "extra"$/
      )
      const warn = await send(
        c,
        'PATCH',
        path,
        { extra: 1 },
        { fieldValidation: 'Warn' },
        'application/merge-patch+json'
      )
      expect(warn.status).to.equal(200)
      expect(warn.headers.Warning).to.equal('299 - "unknown field \\"extra\\""')
      expect(warn.body).to.not.have.property('extra')
    })

    it('fails a server-side apply with an unknown field as the typed conversion does', async () => {
      const a = await send(
        c,
        'PATCH',
        '/api/v1/namespaces/default/configmaps/ssa',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\nextra: 1\n',
        { fieldManager: 'me', fieldValidation: 'Ignore' },
        'application/apply-patch+yaml'
      )
      expect(a.status).to.equal(500)
      expect(a.body.message).to.equal(
        'failed to create typed patch object (default/ssa; /v1, Kind=ConfigMap): .extra: field not declared in schema'
      )
    })
  })
})
