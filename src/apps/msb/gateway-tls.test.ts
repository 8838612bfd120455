import { expect } from 'chai'
import { createSecureContext } from 'node:tls'
import {
  NetError,
  NetErrorCodes,
  tlsAppHost,
  TlsWire,
  type AppHost,
  type FetchInit,
  type HttpRequest,
  type HttpResponse,
} from '../../network/index.js'
import { createCa, createLeaf } from '../../util/index.js'
import { fakePodInfo, startFakeApp } from '../../testing/apps/app-helpers.js'
import type { AppFactory } from '../types.js'
import { apigatewayApp, createApigatewayApp } from './apigateway-app.js'

const node = (ip: string, port: string, enableSsl: boolean) => ({
  serviceName: enableSsl ? 'secure' : 'plain',
  version: 'v1',
  url: `/api/${enableSsl ? 'secure' : 'plain'}/v1`,
  protocol: 'REST',
  visualRange: '1',
  lb_policy: 'round-robin',
  namespace: 'onap',
  path: '',
  enable_ssl: enableSsl,
  nodes: [{ ip, port }],
  metadata: [],
  labels: [],
  status: '1',
  is_manual: false,
})

describe('msb-iag to enable_ssl backends', function () {
  this.timeout(10_000)
  const wire = new TlsWire()
  const seen: string[] = []
  let credentials: { certPem: string; keyPem: string }
  // The backend app: answers with what it read; it only sees the request once TLS decrypted it.
  const backendApp: AppHost = {
    serve: (_to, port, _from, req) => {
      seen.push(`${String(port)} ${req.method} ${req.path} ${req.body.toString()}`)
      return Promise.resolve({
        status: 201,
        headers: { 'content-type': 'text/plain' },
        body: Buffer.from(`backend got ${req.method} ${req.path} ${req.body.toString()}`),
      })
    },
  }
  let host: AppHost
  const secure = fakePodInfo('secure', '10.1.0.9')
  const plain = fakePodInfo('plain', '10.1.0.8')
  // The pod network as the gateway's fetch reaches it: discovery, one TLS port, one plain port.
  const fetch = (url: string, init: FetchInit = {}): Promise<HttpResponse> => {
    const u = new URL(url)
    if (u.hostname === 'msb-discovery.onap')
      return Promise.resolve({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(
          JSON.stringify([
            node('10.1.0.9', '8443', true),
            node('10.1.0.8', '8080', false),
            { ...node('10.1.0.8', '8080', true), serviceName: 'wrong', url: '/api/wrong/v1' },
          ])
        ),
      })
    const req: HttpRequest = {
      method: init.method ?? 'GET',
      path: u.pathname + u.search,
      authority: u.host,
      headers: init.headers ?? {},
      body: Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body ?? ''),
    }
    const to = u.hostname === '10.1.0.9' ? secure : plain
    return host.serve(to, Number(u.port), { kind: 'host', ip: '127.0.0.1' }, req)
  }
  const gateway = (factory: AppFactory) => {
    const logs: string[] = []
    const app = startFakeApp(factory, {
      name: 'msb-iag',
      ip: '10.1.0.5',
      fetch,
      logs,
      env: { SDCLIENT_IP: 'msb-discovery.onap' },
    })
    return { serve: app.serve, logs }
  }

  before(async () => {
    const ca = await createCa('test-ca')
    credentials = await createLeaf(ca, { commonName: 'secure', usage: 'server', ips: ['10.1.0.9'] })
    host = tlsAppHost(backendApp, {
      wire,
      credentials: () => Promise.resolve(credentials),
      isTls: (to, port) => to.name === 'secure' && port === 8443,
    })
  })

  it('reaches an enable_ssl node over TLS, body and answer inside the connection', async () => {
    seen.length = 0
    const gw = gateway(createApigatewayApp({ tls: wire }))
    const res = await gw.serve({
      method: 'POST',
      path: '/api/secure/v1/items?x=1',
      body: Buffer.from('{"a":1}'),
    })
    expect([res.status, res.body.toString()]).to.deep.equal([
      201,
      'backend got POST /api/secure/v1/items?x=1 {"a":1}',
    ])
    expect(res.headers.server).to.equal('openresty')
    expect(seen).to.deep.equal(['8443 POST /api/secure/v1/items?x=1 {"a":1}'])
    // A plain node is still reached in clear.
    const p = await gw.serve({ path: '/api/plain/v1/x' })
    expect([p.status, p.body.toString()]).to.deep.equal([201, 'backend got GET /api/plain/v1/x '])
  })

  it('gets a reset from the TLS node when it speaks plain HTTP (the gateway without TLS)', async () => {
    seen.length = 0
    const gw = gateway(apigatewayApp)
    const res = await gw.serve({ path: '/api/secure/v1/items' })
    expect(res.status).to.equal(502)
    expect(seen).to.deep.equal([])
    expect(gw.logs.join('\n')).to.match(/ECONNRESET: 10\.1\.0\.9:8443 serves TLS/)
  })

  it("answers 502 with nginx's handshake error when an enable_ssl node answers in clear", async () => {
    const gw = gateway(createApigatewayApp({ tls: wire }))
    const res = await gw.serve({ path: '/api/wrong/v1/x' })
    expect(res.status).to.equal(502)
    expect(gw.logs.join('\n')).to.match(/SSL_do_handshake\(\) failed .*wrong version number/)
  })
})

describe('TlsWire', () => {
  it('answers through TLS with the listener certificate; a carrier is accepted once, a plain request not at all', async () => {
    const ca = await createCa('test-ca')
    const leaf = await createLeaf(ca, { commonName: 'pod', usage: 'server', ips: ['10.0.0.1'] })
    const wire = new TlsWire()
    const context = createSecureContext({ cert: leaf.certPem, key: leaf.keyPem })
    const d = wire.dial(
      { method: 'GET', path: '/x', authority: 'pod', headers: {}, body: Buffer.from('hi') },
      'pod'
    )
    expect(d.carrier.body.length).to.equal(0)
    const served = wire.accept(d.carrier, context, (r) =>
      Promise.resolve({ status: 200, headers: {}, body: Buffer.from(`got ${r.body.toString()}`) })
    )
    expect(served).to.not.equal(undefined)
    expect(wire.accept(d.carrier, context, () => Promise.reject(new Error('twice')))).to.equal(
      undefined
    )
    const res = await d.response
    expect([res.status, res.body.toString()]).to.deep.equal([200, 'got hi'])
    expect(d.accepted()).to.equal(true)
    const plainReq = {
      method: 'GET',
      path: '/',
      authority: 'pod',
      headers: {},
      body: Buffer.alloc(0),
    }
    expect(
      wire.accept(plainReq, context, () => Promise.reject(new NetError(NetErrorCodes.reset, 'x')))
    ).to.equal(undefined)
  })
})
