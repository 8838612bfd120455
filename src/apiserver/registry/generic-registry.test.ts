import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import {
  CM,
  DEPLOY,
  deployment,
  dig,
  EXT_DEPLOY,
  failure,
  NS,
  pod,
  PODS,
  useClientHarness,
  type Obj,
} from '../../testing/apiserver/index.js'

describe('GenericRegistry', () => {
  const { client, namespace } = useClientHarness('reg')

  describe('create()', () => {
    it('sets uid, creationTimestamp, resourceVersion and generation for kinds that have one', async () => {
      const ns = await namespace()
      const d = await client.create<KubeObject>(DEPLOY, deployment('web', ns))
      expect(d.metadata.uid).to.match(/^[0-9a-f-]{36}$/)
      expect(d.metadata.creationTimestamp).to.equal('2024-05-01T10:00:00Z')
      expect(d.metadata.resourceVersion).to.match(/^\d+$/)
      expect(d.metadata.generation).to.equal(1)
      const cm = await client.create<KubeObject>(CM, {
        metadata: { name: 'c', namespace: ns, generation: 7 },
      })
      expect(cm.metadata.generation).to.equal(undefined)
      expect(cm.metadata.uid).to.not.equal(d.metadata.uid)
    })

    it('ignores client-set uid, resourceVersion and deletionTimestamp', async () => {
      const ns = await namespace()
      const cm = await client.create<KubeObject>(CM, {
        metadata: {
          name: 'c',
          namespace: ns,
          uid: 'mine',
          resourceVersion: '5',
          deletionTimestamp: '2020-01-01T00:00:00Z',
        },
      })
      expect(cm.metadata.uid).to.not.equal('mine')
      expect(cm.metadata.deletionTimestamp).to.equal(undefined)
    })

    it('names objects from generateName with a five character suffix', async () => {
      const ns = await namespace()
      const a = await client.create<KubeObject>(CM, {
        metadata: { generateName: 'job-', namespace: ns },
      })
      const b = await client.create<KubeObject>(CM, {
        metadata: { generateName: 'job-', namespace: ns },
      })
      expect(a.metadata.name).to.match(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(b.metadata.name).to.not.equal(a.metadata.name)
    })

    it('refuses a namespace that does not exist with 404', async () => {
      const err = await failure(
        client.create<KubeObject>(CM, { metadata: { name: 'c', namespace: 'nowhere' } })
      )
      expect(err.code).to.equal(404)
      expect(err.message).to.equal('namespaces "nowhere" not found')
    })

    it('refuses a second object of the same name with 409 AlreadyExists', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, { metadata: { name: 'dup', namespace: ns } })
      const err = await failure(
        client.create<KubeObject>(CM, { metadata: { name: 'dup', namespace: ns } })
      )
      expect(err.code).to.equal(409)
      expect(err.reason).to.equal('AlreadyExists')
      expect(err.message).to.equal('configmaps "dup" already exists')
      const d = await failure(
        (async () => {
          await client.create<KubeObject>(DEPLOY, deployment('web', ns))
          await client.create<KubeObject>(DEPLOY, deployment('web', ns))
        })()
      )
      expect(d.message).to.equal('deployments.apps "web" already exists')
    })

    it('refuses an invalid name with 422 and the field', async () => {
      const ns = await namespace()
      const err = await failure(
        client.create<KubeObject>(CM, { metadata: { name: 'Bad_Name', namespace: ns } })
      )
      expect(err.code).to.equal(422)
      expect(err.reason).to.equal('Invalid')
      expect(err.message).to.match(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value/)
    })

    it('stores nothing with dryRun=All but answers the object', async () => {
      const ns = await namespace()
      const dry = await client.create<KubeObject>(
        CM,
        { metadata: { name: 'dry', namespace: ns } },
        { dryRun: true }
      )
      expect(dry.metadata.uid).to.be.a('string')
      expect((await failure(client.get(CM, 'dry', ns))).code).to.equal(404)
      const real = await client.create<KubeObject>(CM, {
        metadata: { name: 'real', namespace: ns },
        data: { a: '1' },
      })
      await client.update<KubeObject>(CM, { ...real, data: { a: '2' } }, { dryRun: true })
      expect((await client.get(CM, 'real', ns)).data).to.deep.equal({ a: '1' })
      await client.patch(CM, 'real', ns, { data: { a: '3' } }, 'application/merge-patch+json', {
        dryRun: true,
      })
      expect((await client.get(CM, 'real', ns)).data).to.deep.equal({ a: '1' })
    })
  })

  describe('update()', () => {
    it('answers 409 Conflict with Kubernetes message for a stale resourceVersion', async () => {
      const ns = await namespace()
      const first = await client.create<KubeObject>(CM, {
        metadata: { name: 'c', namespace: ns },
        data: { a: '1' },
      })
      await client.update<KubeObject>(CM, { ...first, data: { a: '2' } })
      const err = await failure(client.update<KubeObject>(CM, { ...first, data: { a: '3' } }))
      expect(err.code).to.equal(409)
      expect(err.reason).to.equal('Conflict')
      expect(err.message).to.equal(
        'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again'
      )
      const d = await client.create<KubeObject>(DEPLOY, deployment('web', ns))
      await client.update<KubeObject>(DEPLOY, {
        ...d,
        metadata: { ...d.metadata, labels: { x: 'y' } },
      })
      const err2 = await failure(client.update<KubeObject>(DEPLOY, d))
      expect(err2.message).to.match(/^Operation cannot be fulfilled on deployments.apps "web"/)
    })

    it('accepts an update without a resourceVersion (last write wins)', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, {
        metadata: { name: 'c', namespace: ns },
        data: { a: '1' },
      })
      const updated = await client.update<KubeObject>(CM, {
        metadata: { name: 'c', namespace: ns },
        data: { a: '2' },
      })
      expect(updated.data).to.deep.equal({ a: '2' })
    })

    it('keeps the resourceVersion of a no-op update', async () => {
      const ns = await namespace()
      const c = await client.create<KubeObject>(CM, {
        metadata: { name: 'c', namespace: ns },
        data: { a: '1' },
      })
      const same = await client.update<KubeObject>(CM, c)
      expect(same.metadata.resourceVersion).to.equal(c.metadata.resourceVersion)
      const changed = await client.update<KubeObject>(CM, { ...c, data: { a: '2' } })
      expect(Number(changed.metadata.resourceVersion)).to.be.greaterThan(
        Number(c.metadata.resourceVersion)
      )
    })

    it('bumps generation on spec changes only', async () => {
      const ns = await namespace()
      const d = await client.create<KubeObject>(DEPLOY, deployment('web', ns))
      const labelled = await client.update<KubeObject>(DEPLOY, {
        ...d,
        metadata: { ...d.metadata, labels: { tier: 'x' } },
      })
      expect(labelled.metadata.generation).to.equal(1)
      const scaled = await client.update<KubeObject>(DEPLOY, {
        ...labelled,
        spec: { ...(labelled.spec as Obj), replicas: 5 },
      })
      expect(scaled.metadata.generation).to.equal(2)
      const status = await client.update<KubeObject>(
        DEPLOY,
        { ...scaled, status: { replicas: 5, observedGeneration: 2 } },
        { subresource: 'status' }
      )
      expect(status.metadata.generation).to.equal(2)
    })

    it('keeps status on a main-resource PUT and spec on a status PUT', async () => {
      const ns = await namespace()
      const p = await client.create<KubeObject>(PODS, pod('p', ns))
      expect(dig(p, 'status.phase')).to.equal('Pending')
      const main = await client.update<KubeObject>(PODS, {
        ...p,
        metadata: { ...p.metadata, labels: { a: 'b' } },
        status: { phase: 'Running' },
      })
      expect(main.metadata.labels).to.deep.equal({ a: 'b' })
      expect(dig(main, 'status.phase')).to.equal('Pending')
      const st = await client.update<KubeObject>(
        PODS,
        {
          ...main,
          metadata: { ...main.metadata, labels: { a: 'changed' } },
          spec: { ...(main.spec as Obj), activeDeadlineSeconds: 5 },
          status: { phase: 'Running' },
        },
        { subresource: 'status' }
      )
      expect(dig(st, 'status.phase')).to.equal('Running')
      expect(dig(st, 'spec.activeDeadlineSeconds')).to.equal(undefined)
      expect(st.metadata.labels).to.deep.equal({ a: 'b' })
    })

    it('refuses a body whose name differs from the URL with 400', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, { metadata: { name: 'c', namespace: ns } })
      const err = await failure(
        client.patch(
          CM,
          'c',
          ns,
          [{ op: 'replace', path: '/metadata/name', value: 'd' }],
          'application/json-patch+json'
        )
      )
      expect(err.code).to.equal(400)
      expect(err.message).to.equal(
        'the name of the object (d) does not match the name on the URL (c)'
      )
    })

    it('answers 404 for an update of a missing object', async () => {
      const ns = await namespace()
      const err = await failure(
        client.update<KubeObject>(CM, { metadata: { name: 'ghost', namespace: ns } })
      )
      expect(err.code).to.equal(404)
      expect(err.message).to.equal('configmaps "ghost" not found')
    })
  })

  describe('delete()', () => {
    it('removes an unbound pod at once', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(PODS, pod('p', ns))
      await client.delete(PODS, 'p', ns)
      expect((await failure(client.get(PODS, 'p', ns))).code).to.equal(404)
    })

    it('marks a bound pod with a deletionTimestamp and its grace period', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(PODS, pod('p', ns, { nodeName: 'node-1' }))
      const marked = await client.delete(PODS, 'p', ns)
      expect(marked.metadata.deletionTimestamp).to.equal('2024-05-01T10:00:30Z')
      expect(marked.metadata.deletionGracePeriodSeconds).to.equal(30)
      const still = await client.get(PODS, 'p', ns)
      expect(still.metadata.deletionTimestamp).to.equal('2024-05-01T10:00:30Z')
      await client.delete(PODS, 'p', ns, { gracePeriodSeconds: 0 })
      expect((await failure(client.get(PODS, 'p', ns))).code).to.equal(404)
    })

    it('honours the pod terminationGracePeriodSeconds', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(
        PODS,
        pod('p', ns, { nodeName: 'node-1', terminationGracePeriodSeconds: 5 })
      )
      const marked = await client.delete(PODS, 'p', ns)
      expect(marked.metadata.deletionGracePeriodSeconds).to.equal(5)
    })

    it('adds foregroundDeletion or orphan finalizers for those propagation policies', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, { metadata: { name: 'fg', namespace: ns } })
      await client.create<KubeObject>(CM, { metadata: { name: 'or', namespace: ns } })
      await client.create<KubeObject>(CM, { metadata: { name: 'bg', namespace: ns } })
      const fg = await client.delete(CM, 'fg', ns, { propagationPolicy: 'Foreground' })
      const or = await client.delete(CM, 'or', ns, { propagationPolicy: 'Orphan' })
      await client.delete(CM, 'bg', ns, { propagationPolicy: 'Background' })
      expect(fg.metadata.finalizers).to.deep.equal(['foregroundDeletion'])
      expect(fg.metadata.deletionTimestamp).to.be.a('string')
      expect(or.metadata.finalizers).to.deep.equal(['orphan'])
      expect((await client.get(CM, 'fg', ns)).metadata.deletionTimestamp).to.be.a('string')
      expect((await failure(client.get(CM, 'bg', ns))).code).to.equal(404)
    })

    it('orphans by default through extensions/v1beta1 and not through apps/v1', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(EXT_DEPLOY, deployment('old', ns, 'extensions/v1beta1'))
      await client.create<KubeObject>(DEPLOY, deployment('new', ns))
      const old = await client.delete(EXT_DEPLOY, 'old', ns)
      expect(old.metadata.finalizers).to.deep.equal(['orphan'])
      await client.delete(DEPLOY, 'new', ns)
      expect((await failure(client.get(DEPLOY, 'new', ns))).code).to.equal(404)
    })

    it('deletes an extensions/v1beta1 Ingress at once: only workloads orphan by default', async () => {
      const ns = await namespace()
      const ING = { apiVersion: 'extensions/v1beta1', resource: 'ingresses', namespaced: true }
      await client.create<KubeObject>(ING, {
        metadata: { name: 'web', namespace: ns },
        spec: { backend: { serviceName: 'web', servicePort: 80 } },
      })
      const gone = await client.delete(ING, 'web', ns)
      expect(gone.metadata.finalizers).to.equal(undefined)
      expect((await failure(client.get(ING, 'web', ns))).code).to.equal(404)
    })

    it('keeps an object with finalizers until the last one is removed', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, {
        metadata: { name: 'held', namespace: ns, finalizers: ['example.com/a', 'example.com/b'] },
      })
      await client.delete(CM, 'held', ns)
      const marked = await client.get(CM, 'held', ns)
      expect(marked.metadata.deletionTimestamp).to.be.a('string')
      const one = await client.update<KubeObject>(CM, {
        ...marked,
        metadata: { ...marked.metadata, finalizers: ['example.com/b'] },
      })
      expect(one.metadata.finalizers).to.deep.equal(['example.com/b'])
      await client.update<KubeObject>(CM, { ...one, metadata: { ...one.metadata, finalizers: [] } })
      expect((await failure(client.get(CM, 'held', ns))).code).to.equal(404)
    })

    it('refuses new finalizers on an object being deleted with 422', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, {
        metadata: { name: 'held', namespace: ns, finalizers: ['example.com/a'] },
      })
      await client.delete(CM, 'held', ns)
      const marked = await client.get(CM, 'held', ns)
      const err = await failure(
        client.update<KubeObject>(CM, {
          ...marked,
          metadata: { ...marked.metadata, finalizers: ['example.com/a', 'example.com/z'] },
        })
      )
      expect(err.code).to.equal(422)
      expect(err.message).to.equal(
        'ConfigMap "held" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/z"}'
      )
    })

    it('checks uid and resourceVersion preconditions', async () => {
      const ns = await namespace()
      const c = await client.create<KubeObject>(CM, { metadata: { name: 'c', namespace: ns } })
      const uid = await failure(client.delete(CM, 'c', ns, { preconditions: { uid: 'other' } }))
      expect(uid.code).to.equal(409)
      expect(uid.message).to.contain('Precondition failed: UID in precondition: other')
      const rv = await failure(
        client.delete(CM, 'c', ns, { preconditions: { resourceVersion: '1' } })
      )
      expect(rv.code).to.equal(409)
      await client.delete(CM, 'c', ns, {
        preconditions: { uid: c.metadata.uid!, resourceVersion: c.metadata.resourceVersion! },
      })
      expect((await failure(client.get(CM, 'c', ns))).code).to.equal(404)
    })

    it('turns a namespace Terminating and refuses new content in it with 403', async () => {
      const ns = await namespace()
      await client.create<KubeObject>(CM, { metadata: { name: 'c', namespace: ns } })
      const deleted = await client.delete(NS, ns)
      expect(dig(deleted, 'status.phase')).to.equal('Terminating')
      expect(deleted.metadata.deletionTimestamp).to.be.a('string')
      expect(dig(await client.get(NS, ns), 'status.phase')).to.equal('Terminating')
      const err = await failure(
        client.create<KubeObject>(CM, { metadata: { name: 'late', namespace: ns } })
      )
      expect(err.code).to.equal(403)
      expect(err.reason).to.equal('Forbidden')
      expect(err.message).to.equal(
        `configmaps "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`
      )
      const dep = await failure(client.create<KubeObject>(DEPLOY, deployment('web', ns)))
      expect(dep.message).to.match(
        /^deployments.apps "web" is forbidden: unable to create new content/
      )
      // Existing content can still be changed (controllers clean it up).
      const c = await client.get(CM, 'c', ns)
      await client.update<KubeObject>(CM, { ...c, data: { a: 'b' } })
    })
  })
})
