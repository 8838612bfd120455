import { expect } from 'chai'
import * as k8s from '@kubernetes/client-node'
import type { StartedSimCluster } from '../../src/backends/sim/index.js'
import { startTestCluster } from '../../src/testing/apiserver/index.js'
import { createLeaf } from '../../src/util/index.js'
import { send, watch, type Target } from './https-client.js'

// Findings 2 and 4–8: hostile paths, resource versions, timeouts, sizes, certificates, anonymity.
describe('reliability: API hardening', function () {
  this.timeout(60_000)
  let cluster: StartedSimCluster
  let t: Target
  let core: k8s.CoreV1Api

  before(async () => {
    cluster = await startTestCluster()
    t = { url: cluster.api.url, caPem: cluster.pki.ca.certPem, token: cluster.pki.token }
    const kc = new k8s.KubeConfig()
    kc.loadFromString(cluster.kubeconfig())
    core = kc.makeApiClient(k8s.CoreV1Api)
    await core.createNamespace({ body: { metadata: { name: 'ns' } } })
    for (const name of ['a', 'b'])
      await core.createNamespacedConfigMap({ namespace: 'ns', body: { metadata: { name } } })
  })
  after(() => cluster.stop())

  const names = async () =>
    (await core.listNamespacedConfigMap({ namespace: 'ns' })).items.map((c) => c.metadata?.name)

  describe('path names (finding 2)', () => {
    it('refuses `.`, `..` and encoded forms in a name as kube-apiserver does, never resolving them', async () => {
      const cases: [string, string, string][] = [
        ['DELETE', '/api/v1/namespaces/ns/configmaps/..', `may not be '..'`],
        ['DELETE', '/api/v1/namespaces/ns/configmaps/.', `may not be '.'`],
        ['GET', '/api/v1/namespaces/ns/configmaps/%2e%2e', `may not be '..'`],
        ['DELETE', '/api/v1/namespaces/ns/configmaps/%2E%2e', `may not be '..'`],
        ['DELETE', '/api/v1/namespaces/ns/configmaps/%2e', `may not be '.'`],
        ['GET', '/api/v1/namespaces/ns/configmaps/a%2Fb', `may not contain '/'`],
        ['GET', '/api/v1/namespaces/ns/configmaps/%252e%252e', `may not contain '%'`],
      ]
      for (const [method, path, why] of cases) {
        const r = await send(t, method, path)
        expect(r.status, `${method} ${path}`).to.equal(400)
        expect(r.json().message, path).to.contain(why).and.contain('Name parameter invalid')
      }
      expect((await send(t, 'GET', '/api/v1/namespaces/ns')).status).to.equal(200)
      expect(await names()).to.deep.equal(['a', 'b'])
    })

    it('refuses such names sent through @kubernetes/client-node and deletes nothing', async () => {
      for (const name of ['a/b', '%2e%2e', '%2F']) {
        let code = 0
        try {
          await core.deleteNamespacedConfigMap({ name, namespace: 'ns' })
        } catch (err) {
          code = (err as { code: number }).code
        }
        expect(code, name).to.equal(400)
      }
      expect((await core.readNamespace({ name: 'ns' })).metadata?.name).to.equal('ns')
      expect(await names()).to.deep.equal(['a', 'b'])
    })
  })

  describe('resource versions (finding 4)', () => {
    for (const rv of ['abc', '-1', 'NaN', 'Infinity', '0x2', '1e3', ' 1', '18446744073709551616'])
      it(`answers 400 to resourceVersion=${JSON.stringify(rv)} on list and watch`, async () => {
        for (const extra of ['', '&watch=true']) {
          const r = await send(
            t,
            'GET',
            `/api/v1/namespaces/ns/configmaps?resourceVersion=${encodeURIComponent(rv)}${extra}`
          )
          expect(r.status, extra).to.equal(400)
          expect(r.json().message).to.match(
            /^resourceVersion: Invalid value: ".*": strconv\.ParseUint: parsing ".*": (invalid syntax|value out of range)$/
          )
        }
      })

    it('takes decimal digits', async () => {
      const r = await send(t, 'GET', '/api/v1/namespaces/ns/configmaps?resourceVersion=0')
      expect(r.status).to.equal(200)
    })
  })

  it('keeps a watch with timeoutSeconds past Node’s timer limit open (finding 5)', async () => {
    for (const timeout of ['2147484', '99999999999']) {
      const w = watch(
        t,
        `/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=0&timeoutSeconds=${timeout}`
      )
      expect(await w.status).to.equal(200)
      let ended = false
      void w.ended.then(() => (ended = true))
      await new Promise((r) => setTimeout(r, 300))
      expect(ended, `timeoutSeconds=${timeout}`).to.equal(false)
      expect(w.lines.length).to.equal(2)
      w.abort()
    }
    // A short timeout still ends the watch, after its time and not before.
    const t0 = Date.now()
    const short = watch(t, '/api/v1/namespaces/ns/configmaps?watch=true&timeoutSeconds=1')
    await short.ended
    expect(Date.now() - t0).to.be.within(900, 5000)
  })

  describe('size limits (finding 6)', () => {
    it('answers 413 to a body over 3 MiB', async () => {
      const body = JSON.stringify({
        metadata: { name: 'huge' },
        data: { x: 'y'.repeat(3 * 1024 * 1024) },
      })
      const r = await send(t, 'POST', '/api/v1/namespaces/ns/configmaps', body)
      expect(r.status).to.equal(413)
      expect(r.json()).to.include({
        reason: 'RequestEntityTooLarge',
        message: 'Request entity too large: limit is 3145728',
      })
    })

    it('answers 422 to ConfigMap and Secret data over 1 MiB, on create, update and patch', async () => {
      const big = 'z'.repeat(1024 * 1024)
      const cmr = await send(
        t,
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        JSON.stringify({ metadata: { name: 'big' }, data: { k: big } })
      )
      expect(cmr.status).to.equal(422)
      expect(cmr.json().message).to.equal(
        'ConfigMap "big" is invalid: data: Too long: must have at most 1048576 characters'
      )
      const secret = await send(
        t,
        'POST',
        '/api/v1/namespaces/ns/secrets',
        JSON.stringify({
          metadata: { name: 's' },
          data: { k: Buffer.from(big + 'x').toString('base64') },
        })
      )
      expect(secret.status).to.equal(422)
      expect(secret.json().message).to.equal(
        'Secret "s" is invalid: data: Too long: must have at most 1048576 characters'
      )
      const patch = await send(
        t,
        'PATCH',
        '/api/v1/namespaces/ns/configmaps/a',
        JSON.stringify({ data: { k: big } }),
        { 'content-type': 'application/merge-patch+json' }
      )
      expect(patch.status).to.equal(422)
      // Just under the limit is fine.
      const ok = await send(
        t,
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        JSON.stringify({ metadata: { name: 'fits' }, data: { k: 'z'.repeat(1024 * 1024 - 1) } })
      )
      expect(ok.status).to.equal(201)
      await send(t, 'DELETE', '/api/v1/namespaces/ns/configmaps/fits')
    })
  })

  describe('client certificates (finding 7)', () => {
    const admin = { commonName: 'kubernetes-admin', organizations: ['system:masters'] }
    it('refuses certificates not yet valid, expired, or without clientAuth with 401', async () => {
      const day = 86400_000
      const [future, expired, serverOnly, good] = await Promise.all([
        createLeaf(cluster.pki.ca, { ...admin, usage: 'client' }, new Date(Date.now() + 2 * day)),
        createLeaf(
          cluster.pki.ca,
          { ...admin, usage: 'client', days: 1 },
          new Date(Date.now() - 3 * day)
        ),
        createLeaf(cluster.pki.ca, { ...admin, usage: 'server' }),
        createLeaf(cluster.pki.ca, { ...admin, usage: 'client' }),
      ])
      const as = (cert: { certPem: string; keyPem: string }) => ({
        url: t.url,
        caPem: t.caPem,
        cert,
      })
      for (const [name, cert] of [
        ['not yet valid', future],
        ['expired', expired],
        ['no clientAuth', serverOnly],
      ] as const)
        expect((await send(as(cert), 'GET', '/api')).status, name).to.equal(401)
      expect((await send(as(good), 'GET', '/api')).status).to.equal(200)
    })
  })

  describe('anonymous access (finding 8)', () => {
    const anon = () => ({ url: t.url, caPem: t.caPem })
    it('answers /healthz, /livez, /readyz and /version without credentials', async () => {
      for (const p of ['/healthz', '/livez', '/readyz', '/version'])
        expect((await send(anon(), 'GET', p)).status, p).to.equal(200)
    })
    it('still answers 401 everywhere else, and to a bad credential on public paths', async () => {
      for (const p of [
        '/',
        '/api',
        '/apis',
        '/api/v1/namespaces',
        '/openapi/v2',
        '/healthz/etcd',
        '/version/x',
      ])
        expect((await send(anon(), 'GET', p)).status, p).to.equal(401)
      expect((await send(anon(), 'POST', '/version')).status).to.equal(401)
      expect((await send({ ...anon(), token: 'wrong' }, 'GET', '/healthz')).status).to.equal(401)
    })
  })
})
