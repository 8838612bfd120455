import { expect } from 'chai'
import { dig, useHandlerHarness, type Obj } from '../../testing/apiserver/index.js'

describe('SubresourceHandler', () => {
  const logReads: string[] = []
  const { send, ok, namespace } = useHandlerHarness({
    namespacePrefix: 'sub',
    cluster: {
      logs: {
        read: (ns, p, c, o) => {
          logReads.push(`${ns}/${p}/${c}${o.tailLines !== undefined ? ` tail=${o.tailLines}` : ''}`)
          return c === 'silent' ? undefined : `log of ${c}\n`
        },
      },
    },
  })

  function pod(name: string, containers: string[], extra: Obj = {}): Obj {
    return {
      metadata: { name },
      spec: { containers: containers.map((c) => ({ name: c, image: `${c}:1` })), ...extra },
    }
  }

  describe('scale', () => {
    async function deploy(ns: string, group: string): Promise<void> {
      const labels = { app: 'web' }
      await ok('POST', `/apis/${group}/namespaces/${ns}/deployments`, {
        body: {
          metadata: { name: 'web' },
          spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: { containers: [{ name: 'c', image: 'nginx' }] },
            },
          },
        },
      })
    }

    it('answers an autoscaling/v1 Scale for apps/v1 deployments', async () => {
      const ns = await namespace()
      await deploy(ns, 'apps/v1')
      const scale = await ok('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`)
      expect(scale).to.include({ kind: 'Scale', apiVersion: 'autoscaling/v1' })
      expect(scale.spec).to.deep.equal({ replicas: 2 })
      expect(scale.status).to.deep.equal({ replicas: 0, selector: 'app=web' })
      expect(dig(scale, 'metadata.name')).to.equal('web')
    })

    it('answers an extensions/v1beta1 Scale through extensions', async () => {
      const ns = await namespace()
      await deploy(ns, 'extensions/v1beta1')
      const scale = await ok(
        'GET',
        `/apis/extensions/v1beta1/namespaces/${ns}/deployments/web/scale`
      )
      expect(scale).to.include({ kind: 'Scale', apiVersion: 'extensions/v1beta1' })
      expect(scale.status).to.deep.equal({
        replicas: 0,
        selector: { app: 'web' },
        targetSelector: 'app=web',
      })
    })

    it('changes replicas with a merge patch and a PUT of the Scale', async () => {
      const ns = await namespace()
      await deploy(ns, 'apps/v1')
      const path = `/apis/apps/v1/namespaces/${ns}/deployments/web`
      const patched = await ok('PATCH', `${path}/scale`, {
        headers: { 'content-type': 'application/merge-patch+json' },
        body: '{"spec":{"replicas":5}}',
      })
      expect(patched.spec).to.deep.equal({ replicas: 5 })
      const d = await ok('GET', path)
      expect(d).to.nested.include({ 'spec.replicas': 5, 'metadata.generation': 2 })
      const current = await ok('GET', `${path}/scale`)
      const put = await ok('PUT', `${path}/scale`, { body: { ...current, spec: { replicas: 1 } } })
      expect(put.spec).to.deep.equal({ replicas: 1 })
      const stale = await send('PUT', `${path}/scale`, {
        body: { ...current, spec: { replicas: 3 } },
      })
      expect(stale.status).to.equal(409)
      expect(stale.body?.message).to.match(
        /^Operation cannot be fulfilled on deployments.apps "web"/
      )
    })

    it('refuses a negative replica count with 422 and a non-number with 400', async () => {
      const ns = await namespace()
      await deploy(ns, 'apps/v1')
      const path = `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`
      const negative = await send('PUT', path, {
        body: {
          kind: 'Scale',
          apiVersion: 'autoscaling/v1',
          metadata: { name: 'web' },
          spec: { replicas: -1 },
        },
      })
      expect(negative.status).to.equal(422)
      expect(negative.body?.message).to.equal(
        'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'
      )
      const text = await send('PUT', path, {
        body: { kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 'many' } },
      })
      expect(text.status).to.equal(400)
      expect(dig(await ok('GET', path), 'spec.replicas')).to.equal(2)
    })

    it('answers 404 for a subresource the resource does not have', async () => {
      const a = await send('GET', '/api/v1/namespaces/default/configmaps/x/scale')
      expect(a.status).to.equal(404)
      expect(a.body?.message).to.equal('the server could not find the requested resource')
    })
  })

  describe('binding', () => {
    it('sets nodeName and PodScheduled, and answers 409 for a second binding', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/pods`
      await ok('POST', base, { body: pod('p', ['c']) })
      const binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: 'p' },
        target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' },
      }
      const bound = await send('POST', `${base}/p/binding`, { body: binding })
      expect(bound.status).to.equal(201)
      expect(bound.body).to.include({ kind: 'Status', status: 'Success' })
      const p = await ok('GET', `${base}/p`)
      expect(dig(p, 'spec.nodeName')).to.equal('node-1')
      expect(
        (dig(p, 'status.conditions') as Obj[]).find((c) => c.type === 'PodScheduled')
      ).to.include({ status: 'True' })
      const again = await send('POST', `${base}/p/binding`, {
        body: { ...binding, target: { name: 'node-2' } },
      })
      expect(again.status).to.equal(409)
      expect(again.body?.message).to.equal(
        'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"'
      )
      expect(dig(await ok('GET', `${base}/p`), 'spec.nodeName')).to.equal('node-1')
    })

    it('refuses a binding without a target with 400', async () => {
      const ns = await namespace()
      await ok('POST', `/api/v1/namespaces/${ns}/pods`, { body: pod('p', ['c']) })
      const a = await send('POST', `/api/v1/namespaces/${ns}/pods/p/binding`, {
        body: { metadata: { name: 'p' } },
      })
      expect(a.status).to.equal(400)
    })
  })

  describe('eviction', () => {
    it('deletes the pod', async () => {
      const ns = await namespace()
      await ok('POST', `/api/v1/namespaces/${ns}/pods`, { body: pod('p', ['c']) })
      const a = await send('POST', `/api/v1/namespaces/${ns}/pods/p/eviction`, {
        body: {
          apiVersion: 'policy/v1beta1',
          kind: 'Eviction',
          metadata: { name: 'p', namespace: ns },
        },
      })
      expect(a.status).to.equal(201)
      expect((await send('GET', `/api/v1/namespaces/${ns}/pods/p`)).status).to.equal(404)
      expect(
        (await send('POST', `/api/v1/namespaces/${ns}/pods/p/eviction`, { body: {} })).status
      ).to.equal(404)
    })
  })

  describe('log', () => {
    it('needs a container name when the pod has several, with Kubernetes message', async () => {
      const ns = await namespace()
      await ok('POST', `/api/v1/namespaces/${ns}/pods`, {
        body: pod('p', ['app', 'sidecar'], {
          initContainers: [{ name: 'init', image: 'busybox' }],
        }),
      })
      const a = await send('GET', `/api/v1/namespaces/${ns}/pods/p/log`)
      expect(a.status).to.equal(400)
      expect(a.body?.message).to.equal(
        'a container name must be specified for pod p, choose one of: [app sidecar] or one of the init containers: [init]'
      )
      const b = await send('GET', `/api/v1/namespaces/${ns}/pods/p/log`, {
        query: { container: 'sidecar', tailLines: '3' },
      })
      expect(b).to.deep.equal({ status: 200, text: 'log of sidecar\n' })
      expect(logReads).to.include(`${ns}/p/sidecar tail=3`)
      const c = await send('GET', `/api/v1/namespaces/${ns}/pods/p/log`, {
        query: { container: 'nope' },
      })
      expect(c.status).to.equal(400)
      expect(c.body?.message).to.equal('container nope is not valid for pod p')
    })

    it('reads the only container without a name and answers 400 while it has no log', async () => {
      const ns = await namespace()
      await ok('POST', `/api/v1/namespaces/${ns}/pods`, { body: pod('one', ['app']) })
      await ok('POST', `/api/v1/namespaces/${ns}/pods`, { body: pod('quiet', ['silent']) })
      expect(await send('GET', `/api/v1/namespaces/${ns}/pods/one/log`)).to.deep.equal({
        status: 200,
        text: 'log of app\n',
      })
      const waiting = await send('GET', `/api/v1/namespaces/${ns}/pods/quiet/log`)
      expect(waiting.status).to.equal(400)
      expect(waiting.body?.message).to.contain('is waiting to start')
      expect(
        (await send('PUT', `/api/v1/namespaces/${ns}/pods/one/log`, { body: {} })).status
      ).to.equal(405)
    })
  })

  describe('namespace finalize', () => {
    it('removes a terminating namespace once its finalizers are cleared', async () => {
      const ns = await namespace()
      await ok('DELETE', `/api/v1/namespaces/${ns}`)
      const terminating = await ok('GET', `/api/v1/namespaces/${ns}`)
      expect(dig(terminating, 'status.phase')).to.equal('Terminating')
      expect(dig(terminating, 'spec.finalizers')).to.deep.equal(['kubernetes'])
      await ok('PUT', `/api/v1/namespaces/${ns}/finalize`, {
        body: { ...terminating, spec: { finalizers: [] } },
      })
      expect((await send('GET', `/api/v1/namespaces/${ns}`)).status).to.equal(404)
    })
  })
})
