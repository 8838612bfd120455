import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { namedHttpsPort, tlsAppHost } from './tls-app-host.js'
import { TlsWire } from './tls-wire.js'
import type { AppHost, HttpRequest, PodEndpointInfo } from './types.js'

const podWith = (ports: { containerPort: number; name?: string }[]): PodEndpointInfo => ({
  namespace: 'default',
  name: 'p',
  ip: '10.0.0.7',
  nodeName: 'n',
  labels: {},
  serviceAccount: 'default',
  hasSidecar: false,
  pod: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'x', ports }] },
  } as KubeObject,
})

const req = (): HttpRequest => ({
  method: 'GET',
  path: '/',
  authority: 'p',
  headers: {},
  body: Buffer.alloc(0),
})

describe('namedHttpsPort()', () => {
  it('takes container ports named https or https-… (Istio port naming), nothing else', () => {
    const p = podWith([
      { containerPort: 8443, name: 'https' },
      { containerPort: 9443, name: 'https-admin' },
      { containerPort: 443, name: 'msb-iag-https' },
      { containerPort: 80, name: 'http' },
      { containerPort: 8080 },
    ])
    expect([8443, 9443, 443, 80, 8080, 1].map((port) => namedHttpsPort(p, port))).to.deep.equal([
      true,
      true,
      false,
      false,
      false,
      false,
    ])
  })
})

describe('tlsAppHost()', () => {
  const served: number[] = []
  const inner: AppHost = {
    serve: (_to, port) => {
      served.push(port)
      return Promise.resolve({ status: 200, headers: {}, body: Buffer.from('ok') })
    },
  }
  const host = tlsAppHost(inner, {
    wire: new TlsWire(),
    credentials: () => Promise.reject(new Error('not needed')),
    isTls: (_to, port) => port === 8443,
  })
  const p = podWith([])

  it('passes a plain port to the apps untouched', async () => {
    served.length = 0
    const res = await host.serve(p, 8080, { kind: 'host', ip: '127.0.0.1' }, req())
    expect([res.status, served]).to.deep.equal([200, [8080]])
  })

  it('never hands a plain request on a TLS port to the app', async () => {
    served.length = 0
    const withCert = tlsAppHost(inner, {
      wire: new TlsWire(),
      credentials: () =>
        import('../util/index.js').then(async ({ createCa, createLeaf }) =>
          createLeaf(await createCa('t'), { commonName: 'p', usage: 'server', ips: ['10.0.0.7'] })
        ),
      isTls: (_to, port) => port === 8443,
    })
    const err = await withCert
      .serve(p, 8443, { kind: 'host', ip: '127.0.0.1' }, req())
      .catch((e: unknown) => e)
    expect(err).to.have.property('code', 'ECONNRESET')
    expect(String(err)).to.match(/10\.0\.0\.7:8443 serves TLS and the client spoke plain HTTP/)
    expect(served).to.deep.equal([])
  })

  it('fails the request when the pod has no certificate', async () => {
    const err = await host
      .serve(p, 8443, { kind: 'host', ip: '127.0.0.1' }, req())
      .catch((e: unknown) => e)
    expect(String(err)).to.match(/not needed/)
  })
})
