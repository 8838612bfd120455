import { expect } from 'chai'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  failureOf,
  readMsbExpectations,
  readSpecEnv,
  type LabClient,
  type MsbExpectations,
  type Pod,
  type Service,
} from '../support/index.js'
import { checkMsbDiscovery, checkMsbRoutes, checkMsbSwagger, checkMsbUnregistered } from './msb.js'

const NO_ROUTE =
  '<html><head><title>502 Bad Gateway</title></head><body bgcolor="white"><center><h1>502 Bad Gateway</h1></center><center>error message:No route found for this request!</center><hr><center>nginx</center></body></html>'

describe('msb checks', () => {
  let server: Server
  let port = 0
  let msb: MsbExpectations
  // What the fake gateway/discovery answers, by path; unknown paths get MSB's 502.
  let answers: Map<string, { status: number; body: string }>
  let services: Service[]
  let pods: Pod[]

  const client = (): LabClient =>
    ({
      nodes: () =>
        Promise.resolve([
          {
            metadata: { name: 'n1' },
            status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }] },
          },
        ]),
      services: () => Promise.resolve(services),
      pods: () => Promise.resolve(pods),
    }) as unknown as LabClient

  before(async () => {
    server = createServer((req, res) => {
      const a = answers.get(req.url ?? '') ?? { status: 502, body: NO_ROUTE }
      res.writeHead(a.status).end(a.body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  after(() => server.close())

  beforeEach(() => {
    msb = readMsbExpectations(readSpecEnv({}).expectedDir)
    const gw = (name: string, p: number): Service => ({
      metadata: { name, namespace: 'onap' },
      spec: { type: 'NodePort', ports: [{ port: p, nodePort: port }] },
    })
    services = [
      gw(msb.gateway.service, msb.gateway.port),
      gw(msb.discovery.service, msb.discovery.port),
    ]
    for (const e of msb.registered) {
      if (services.some((s) => s.metadata?.name === e.service)) continue
      const info = msb.registered
        .filter((x) => x.service === e.service)
        .map((x) => ({
          serviceName: x.serviceName,
          version: x.version,
          url: x.url,
          protocol: x.protocol,
          visualRange: x.visualRange,
        }))
      services.push({
        metadata: {
          name: e.service,
          namespace: 'onap',
          annotations: { 'msb.onap.org/service-info': JSON.stringify(info) },
        },
        spec: { type: 'ClusterIP', ports: [{ port: 1 }], selector: { app: e.service } },
      } as Service)
    }
    pods = []
    answers = new Map()
    for (const e of msb.registered)
      answers.set(`/api/${e.serviceName}/${e.version}/swagger.json`, { status: 200, body: '{}' })
    for (const u of msb.swagger)
      answers.set(u.path, {
        status: 200,
        body: JSON.stringify({
          swagger: u.swagger,
          info: { title: u.title },
          basePath: u.basePath,
        }),
      })
    answers.set('/api/microservices/v1/services', {
      status: 200,
      body: JSON.stringify(
        msb.registered.map((e) => ({
          serviceName: e.serviceName,
          version: e.version,
          url: e.url,
          protocol: e.protocol,
        }))
      ),
    })
  })

  it('pass on a lab whose gateway and discovery answer as the page says', async () => {
    await checkMsbRoutes(client(), msb, 'onap')
    await checkMsbDiscovery(client(), msb, 'onap')
    await checkMsbSwagger(client(), msb, 'onap')
    await checkMsbUnregistered(client(), msb, 'onap')
  })

  it('name a service whose route is gone', async () => {
    answers.delete('/api/multicloud-vio/v0/swagger.json')
    const message = await failureOf(checkMsbRoutes(client(), msb, 'onap'))
    expect(message).to.match(
      /actual +multicloud-vio\/v0 +127\.0\.0\.1 +\/api\/multicloud-vio\/v0\/swagger\.json +502 No route found for this request! \*/
    )
  })

  it('name a service discovery lists that no annotation asks for', async () => {
    const list = JSON.parse(answers.get('/api/microservices/v1/services')!.body) as unknown[]
    answers.set('/api/microservices/v1/services', {
      status: 200,
      body: JSON.stringify([
        ...list,
        { serviceName: 'stray', version: 'v1', url: '/api/stray/v1', protocol: 'REST' },
      ]),
    })
    const message = await failureOf(checkMsbDiscovery(client(), msb, 'onap'))
    expect(message).to.match(/extra +stray\/v1 +\/api\/stray\/v1 +REST/)
  })

  it('say why a swagger URL fails: the answer and the ready pods behind its Service', async () => {
    answers.set('/api/multicloud/v0/swagger.json', {
      status: 502,
      body: '<html><head><title>502 Bad Gateway</title></head></html>',
    })
    const message = await failureOf(checkMsbSwagger(client(), msb, 'onap'))
    expect(message).to.match(
      /actual +\/api\/multicloud\/v0\/swagger\.json +127\.0\.0\.1 +502 Bad Gateway \(the upstream did not answer\) \*.*multicloud: 0\/0 pods ready/
    )
  })

  it('name a node where the unregistered path is routed', async () => {
    answers.set(msb.unregistered.path, { status: 404, body: 'nope' })
    const message = await failureOf(checkMsbUnregistered(client(), msb, 'onap'))
    expect(message).to.match(/actual +127\.0\.0\.1 +404 \*/)
  })
})
