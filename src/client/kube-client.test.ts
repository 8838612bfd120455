import { expect } from 'chai'
import { isStatusError, StatusError } from '../api/errors.js'
import type { KubeObject, WatchEvent } from '../api/types.js'
import { CM, DEPLOY, failure, NS, PODS, startTestCluster } from '../testing/apiserver/index.js'
import type { StartedSimCluster } from '../backends/sim/index.js'
import { createCa } from '../util/index.js'
import {
  createKubeClient,
  httpTransport,
  inProcessTransport,
  PatchType,
  queryString,
  resourcePath,
  type KubeClient,
} from './index.js'

describe('resourcePath()', () => {
  it('builds core, group, namespaced, cluster and subresource paths', () => {
    expect(resourcePath(PODS, 'ns', 'p', 'log')).to.equal('/api/v1/namespaces/ns/pods/p/log')
    expect(resourcePath(PODS)).to.equal('/api/v1/pods')
    expect(resourcePath(DEPLOY, 'ns')).to.equal('/apis/apps/v1/namespaces/ns/deployments')
    expect(resourcePath(NS, 'ignored', 'onap')).to.equal('/api/v1/namespaces/onap')
    expect(resourcePath(CM, 'a b', 'x/y')).to.equal('/api/v1/namespaces/a%20b/configmaps/x%2Fy')
  })
})

describe('queryString()', () => {
  it('keeps only defined values and encodes them', () => {
    expect(queryString({ a: 'x y', b: undefined, c: 'a=b' })).to.equal('?a=x+y&c=a%3Db')
    expect(queryString({ b: undefined })).to.equal('')
    expect(queryString(undefined)).to.equal('')
  })
})

describe('KubeClient', () => {
  let cluster: StartedSimCluster
  let seq = 0

  before(async () => {
    cluster = await startTestCluster()
  })

  after(() => cluster.stop())

  const transports: [string, () => KubeClient][] = [
    [
      'in-process transport',
      () => createKubeClient(inProcessTransport(cluster.api.handler), 'client-test'),
    ],
    [
      'HTTPS transport (token)',
      () =>
        createKubeClient(
          httpTransport({
            server: cluster.api.url,
            caPem: cluster.pki.ca.certPem,
            token: cluster.pki.token,
          }),
          'client-test'
        ),
    ],
  ]

  for (const [name, make] of transports) {
    describe(name, () => {
      let client: KubeClient
      let ns: string

      beforeEach(async () => {
        client = make()
        ns = `client-${++seq}`
        await client.create(NS, { metadata: { name: ns } })
      })

      it('creates, gets, lists, updates, patches and deletes', async () => {
        const created = await client.create<KubeObject>(CM, {
          metadata: { name: 'c', namespace: ns, labels: { app: 'x' } },
          data: { a: '1' },
        })
        expect(created.metadata.uid).to.be.a('string')
        const managers = (created.metadata.managedFields ?? []).map((m) => m.manager)
        expect(managers).to.deep.equal(['client-test'])
        const got = await client.get(CM, 'c', ns)
        expect(got.metadata.uid).to.equal(created.metadata.uid)
        await client.create(CM, { metadata: { name: 'd', namespace: ns } })
        const all = await client.list(CM, { namespace: ns })
        expect(all.kind).to.equal('ConfigMapList')
        expect(all.items.map((i) => i.metadata.name)).to.deep.equal(['c', 'd'])
        const some = await client.list(CM, { namespace: ns, labelSelector: 'app=x' })
        expect(some.items.map((i) => i.metadata.name)).to.deep.equal(['c'])
        const page = await client.list(CM, { namespace: ns, limit: 1 })
        expect(page.items).to.have.length(1)
        expect(page.metadata.continue).to.be.a('string')
        const updated = await client.update<KubeObject>(CM, { ...got, data: { a: '2' } })
        expect(updated.data).to.deep.equal({ a: '2' })
        const patched = await client.patch<KubeObject>(
          CM,
          'c',
          ns,
          { data: { b: '3' } },
          PatchType.merge
        )
        expect(patched.data).to.deep.equal({ a: '2', b: '3' })
        const jsonPatched = await client.patch<KubeObject>(
          CM,
          'c',
          ns,
          [{ op: 'remove', path: '/data/a' }],
          PatchType.json
        )
        expect(jsonPatched.data).to.deep.equal({ b: '3' })
        await client.delete(CM, 'c', ns)
        expect((await failure(client.get(CM, 'c', ns))).code).to.equal(404)
      })

      it('applies server-side with a field manager and force', async () => {
        const applied = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'a', namespace: ns },
          data: { k: '1' },
        }
        await client.patch(CM, 'a', ns, applied, PatchType.apply, { fieldManager: 'one' })
        const conflict = await failure(
          client.patch(CM, 'a', ns, { ...applied, data: { k: '2' } }, PatchType.apply, {
            fieldManager: 'two',
          })
        )
        expect(conflict.reason).to.equal('Conflict')
        const forced = await client.patch<KubeObject>(
          CM,
          'a',
          ns,
          { ...applied, data: { k: '2' } },
          PatchType.apply,
          { fieldManager: 'two', force: true }
        )
        expect(forced.data).to.deep.equal({ k: '2' })
      })

      it('turns failures into StatusErrors with reason, code and message', async () => {
        const missing = await failure(client.get(CM, 'nope', ns))
        expect(missing).to.be.instanceOf(StatusError)
        expect(missing).to.include({
          code: 404,
          reason: 'NotFound',
          message: 'configmaps "nope" not found',
        })
        await client.create(CM, { metadata: { name: 'dup', namespace: ns } })
        const dup = await failure(client.create(CM, { metadata: { name: 'dup', namespace: ns } }))
        expect(dup.reason).to.equal('AlreadyExists')
        const invalid = await failure(
          client.create(CM, { metadata: { name: 'Not Valid', namespace: ns } })
        )
        expect(invalid).to.include({ code: 422, reason: 'Invalid' })
        expect(invalid.status.details?.causes?.[0]?.field).to.equal('metadata.name')
        const bad = await failure(client.list(CM, { namespace: ns, labelSelector: 'a in (' }))
        expect(bad).to.include({ code: 400, reason: 'BadRequest' })
      })

      it('creates with dryRun without storing', async () => {
        await client.create(CM, { metadata: { name: 'dry', namespace: ns } }, { dryRun: true })
        expect((await failure(client.get(CM, 'dry', ns))).reason).to.equal('NotFound')
      })

      it('posts to subresources and deletes with options', async () => {
        await client.create(PODS, {
          metadata: { name: 'p', namespace: ns },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        })
        const answer = await client.post(PODS, 'p', ns, 'binding', {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: 'p' },
          target: { name: 'node-1' },
        })
        expect(answer).to.include({ kind: 'Status', status: 'Success' })
        const bound = await client.get(PODS, 'p', ns)
        expect(bound).to.nested.include({ 'spec.nodeName': 'node-1' })
        const marked = await client.delete(PODS, 'p', ns, { gracePeriodSeconds: 10 })
        expect(marked.metadata.deletionGracePeriodSeconds).to.equal(10)
        const precondition = await failure(
          client.delete(PODS, 'p', ns, { preconditions: { uid: 'wrong' } })
        )
        expect(precondition.reason).to.equal('Conflict')
        await client.delete(PODS, 'p', ns, { gracePeriodSeconds: 0 })
        expect((await failure(client.get(PODS, 'p', ns))).code).to.equal(404)
      })

      it('watches: ADDED, MODIFIED, DELETED in order, filtered by label, until stopped', async () => {
        const list = await client.list(CM, { namespace: ns })
        const events: WatchEvent[] = []
        let resolveDone = () => {}
        const done = new Promise<void>((r) => (resolveDone = r))
        const stop = client.watch(
          CM,
          {
            namespace: ns,
            resourceVersion: list.metadata.resourceVersion,
            labelSelector: 'watched=yes',
          },
          (ev) => {
            events.push(ev)
            if (ev.type === 'DELETED') resolveDone()
          },
          () => undefined
        )
        // Objects written before the HTTPS watch is registered are replayed from the list's resourceVersion.
        const c = await client.create<KubeObject>(CM, {
          metadata: { name: 'w', namespace: ns, labels: { watched: 'yes' } },
        })
        await client.update(CM, { ...c, data: { x: '1' } })
        await client.delete(CM, 'w', ns)
        await done
        stop()
        expect(events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).to.deep.equal([
          'ADDED w',
          'MODIFIED w',
          'DELETED w',
        ])
      })

      it('ends a refused watch with an error', async () => {
        const err = await new Promise<Error | undefined>((resolve) => {
          client.watch(CM, { namespace: ns, labelSelector: 'a in (' }, () => undefined, resolve)
        })
        expect(err).to.be.instanceOf(Error)
      })
    })
  }

  it('ends watches when the server times them out, on every transport', async () => {
    const ended = await Promise.all(
      transports.map(
        ([, make]) =>
          new Promise<Error | undefined | 'ended'>((resolve) => {
            make().watch(
              CM,
              { namespace: 'default', resourceVersion: '999999999', timeoutSeconds: 1 },
              () => undefined,
              (err) => resolve(err ?? 'ended')
            )
          })
      )
    )
    expect(ended).to.deep.equal(transports.map(() => 'ended'))
  })

  describe('in-process transport', () => {
    it('copies request bodies and GET answers, so callers never share those with the store', async () => {
      const client = createKubeClient(inProcessTransport(cluster.api.handler), 'copy-test')
      const obj = { metadata: { name: 'iso', namespace: 'default' }, data: { k: 'v' } }
      await client.create<KubeObject>(CM, obj)
      obj.data.k = 'changed-after-create'
      const got = await client.get<KubeObject>(CM, 'iso', 'default')
      ;(got.data as Record<string, string>).k = 'changed-get'
      expect((await client.get<KubeObject>(CM, 'iso', 'default')).data).to.deep.equal({ k: 'v' })
    })
  })

  describe('HTTPS transport', () => {
    it('authenticates with the admin client certificate', async () => {
      const transport = httpTransport({
        server: cluster.api.url,
        caPem: cluster.pki.ca.certPem,
        clientCertPem: cluster.pki.admin.certPem,
        clientKeyPem: cluster.pki.admin.keyPem,
      })
      const ns = await createKubeClient(transport).get(NS, 'default')
      expect(ns.metadata.name).to.equal('default')
    })

    it('turns a 401 into a StatusError when the token is wrong', async () => {
      const client = createKubeClient(
        httpTransport({ server: cluster.api.url, caPem: cluster.pki.ca.certPem, token: 'wrong' })
      )
      const err = await failure(client.get(NS, 'default'))
      expect(err).to.include({ code: 401, reason: 'Unauthorized' })
    })

    it('refuses a server whose certificate is not from the given CA', async () => {
      const otherCa = await createCa('kubernetes')
      const client = createKubeClient(
        httpTransport({ server: cluster.api.url, caPem: otherCa.certPem, token: cluster.pki.token })
      )
      let caught: unknown
      await client.get(NS, 'default').catch((err: unknown) => (caught = err))
      expect(caught).to.be.instanceOf(Error)
      expect(isStatusError(caught)).to.equal(false)
    })
  })
})
