import { expect } from 'chai'
import type { IncomingMessage } from 'node:http'
import { request } from 'node:https'
import { connect } from 'node:net'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { createCa, createLeaf, type KeyPair } from '../../util/index.js'
import { startTestCluster } from '../../testing/apiserver/index.js'

interface Reply {
  status: number
  headers: IncomingMessage['headers']
  text: string
  json: () => Record<string, unknown>
}

interface Send {
  method?: string
  path: string
  token?: string
  cert?: KeyPair
  headers?: Record<string, string>
  body?: Buffer | string
}

describe('HTTPS server', () => {
  let cluster: StartedSimCluster
  let outsider: KeyPair
  let nobody: KeyPair
  let expired: KeyPair
  const serverErrors: unknown[] = []

  function send(o: Send): Promise<Reply> {
    const url = new URL(cluster.api.url)
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: o.method ?? 'GET',
          path: o.path,
          ca: cluster.pki.ca.certPem,
          agent: false,
          ...(o.cert ? { cert: o.cert.certPem, key: o.cert.keyPem } : {}),
          headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: () => JSON.parse(text) as Record<string, unknown>,
            })
          })
        }
      )
      req.on('error', reject)
      req.end(o.body)
    })
  }

  before(async () => {
    cluster = await startTestCluster({ onError: (err) => serverErrors.push(err) })
    const otherCa = await createCa('kubernetes')
    ;[outsider, nobody, expired] = await Promise.all([
      createLeaf(otherCa, {
        commonName: 'kubernetes-admin',
        organizations: ['system:masters'],
        usage: 'client',
      }),
      createLeaf(cluster.pki.ca, {
        commonName: 'bob',
        organizations: ['developers'],
        usage: 'client',
      }),
      createLeaf(
        cluster.pki.ca,
        { commonName: 'old-admin', organizations: ['system:masters'], usage: 'client', days: 1 },
        new Date(Date.now() - 10 * 86400_000)
      ),
    ])
  })

  after(() => cluster.stop())

  afterEach(() => {
    expect(serverErrors, 'errors the server reported as its own fault').to.deep.equal([])
  })

  describe('authentication', () => {
    it('answers 401 with an Unauthorized Status without credentials', async () => {
      const r = await send({ path: '/api' })
      expect(r.status).to.equal(401)
      expect(r.headers['content-type']).to.equal('application/json')
      expect(r.json()).to.deep.equal({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      })
    })

    it('answers 401 to a wrong bearer token of any length', async () => {
      const token = cluster.pki.token
      const sameLength = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')
      for (const t of [sameLength, 'short', `${token}x`]) {
        expect((await send({ path: '/version', token: t })).status, t).to.equal(401)
      }
      expect(
        (await send({ path: '/version', headers: { authorization: `Basic ${token}` } })).status
      ).to.equal(401)
    })

    it('accepts the admin bearer token', async () => {
      const r = await send({ path: '/version', token: cluster.pki.token })
      expect(r.status).to.equal(200)
      expect(r.json()).to.include({ gitVersion: 'v1.11.1' })
    })

    it('accepts a client certificate from the lab CA in system:masters', async () => {
      const r = await send({ path: '/api/v1/namespaces', cert: cluster.pki.admin })
      expect(r.status).to.equal(200)
      expect(r.json()).to.include({ kind: 'NamespaceList' })
    })

    it('refuses client certificates from another CA, outside system:masters, or expired', async () => {
      expect((await send({ path: '/version', cert: outsider })).status).to.equal(401)
      expect((await send({ path: '/version', cert: nobody })).status).to.equal(401)
      expect((await send({ path: '/version', cert: expired })).status).to.equal(401)
    })
  })

  describe('listening', () => {
    it('listens on 127.0.0.1 only', async () => {
      const url = new URL(cluster.api.url)
      expect(url.hostname).to.equal('127.0.0.1')
      const port = Number(url.port)
      const attempt = (host: string) =>
        new Promise<string>((resolve) => {
          const s = connect({ host, port })
          s.on('connect', () => {
            s.destroy()
            resolve('connected')
          })
          s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
        })
      expect(await attempt('127.0.0.1')).to.equal('connected')
      expect(await attempt('127.0.0.2')).to.equal('ECONNREFUSED')
    })
  })

  describe('answers', () => {
    it('writes JSON with Content-Length, text, and Status bodies whose code is the HTTP status', async () => {
      const ok = await send({ path: '/api/v1/namespaces/default', token: cluster.pki.token })
      expect(ok.status).to.equal(200)
      expect(ok.headers['content-type']).to.equal('application/json')
      expect(Number(ok.headers['content-length'])).to.equal(Buffer.byteLength(ok.text))
      const health = await send({ path: '/healthz', token: cluster.pki.token })
      expect(health.text).to.equal('ok')
      expect(health.headers['content-type']).to.match(/^text\/plain/)
      const missing = await send({ path: '/api/v1/namespaces/nope', token: cluster.pki.token })
      expect(missing.status).to.equal(404)
      expect(missing.json()).to.include({
        kind: 'Status',
        code: 404,
        message: 'namespaces "nope" not found',
      })
    })

    it('reads bodies and answers 413 past the size limit', async () => {
      const created = await send({
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        token: cluster.pki.token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: { name: 'over-https' }, data: { k: 'v' } }),
      })
      expect(created.status).to.equal(201)
      const huge = await send({
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        token: cluster.pki.token,
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(3 * 1024 * 1024 + 10, 0x20),
      })
      expect(huge.status).to.equal(413)
      expect(huge.json()).to.include({ kind: 'Status', code: 413, reason: 'RequestEntityTooLarge' })
    })
  })

  describe('watch', () => {
    it('flushes the headers before any event, then streams events as JSON lines', async () => {
      const ns = `https-watch-${Date.now()}`
      const url = new URL(cluster.api.url)
      const rv = String(cluster.api.store.currentRv())
      const chunks: string[] = []
      let headersWithoutData = false
      const lines = await new Promise<string[]>((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}`,
            ca: cluster.pki.ca.certPem,
            agent: false,
            headers: { authorization: `Bearer ${cluster.pki.token}` },
          },
          (res) => {
            headersWithoutData = res.statusCode === 200 && chunks.length === 0
            expect(res.headers['transfer-encoding']).to.equal('chunked')
            res.setEncoding('utf8')
            res.on('data', (c: string) => {
              chunks.push(c)
              const all = chunks.join('')
              if (all.endsWith('\n')) {
                req.destroy()
                resolve(all.trim().split('\n'))
              }
            })
            // Only once the headers have arrived does anything happen that makes an event.
            void cluster
              .client('test')
              .create(
                { apiVersion: 'v1', resource: 'namespaces', namespaced: false },
                { metadata: { name: ns } }
              )
              .then(() =>
                cluster
                  .client('test')
                  .create(
                    { apiVersion: 'v1', resource: 'configmaps', namespaced: true },
                    { metadata: { name: 'c', namespace: ns } }
                  )
              )
              .catch(reject)
          }
        )
        req.on('error', reject)
        req.end()
      })
      expect(headersWithoutData).to.equal(true)
      expect(lines).to.have.length(1)
      const ev = JSON.parse(lines[0]!) as { type: string; object: { metadata: { name: string } } }
      expect(ev.type).to.equal('ADDED')
      expect(ev.object.metadata.name).to.equal('c')
    })

    it('answers a refused watch with a Status, not a stream', async () => {
      const r = await send({
        path: '/api/v1/configmaps?watch=true&sendInitialEvents=true',
        token: cluster.pki.token,
      })
      expect(r.status).to.equal(400)
      expect(r.json()).to.include({ kind: 'Status', code: 400 })
    })
  })
})
