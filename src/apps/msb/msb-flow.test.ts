import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { startTestCluster } from '../../testing/apiserver/index.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import type { KubeClient } from '../../client/index.js'
import type { HttpResponse } from '../../network/index.js'
import { fakeFetch, startFakeApp, type FakeService } from '../../testing/apps/app-helpers.js'
import { apigatewayApp } from './apigateway-app.js'
import { consulApp } from './consul-app.js'
import { discoveryApp } from './discovery-app.js'
import { kube2msbApp } from './kube2msb-app.js'

const servicesRef = { apiVersion: 'v1', resource: 'services', namespaced: true } as const
const NOT_FOUND_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body bgcolor="white"><center><h1>502 Bad Gateway</h1></center><center>error message:No route found for this request!</center><hr><center>nginx</center></body></html>'

const annotated = (name: string, info: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'onap', annotations: { 'msb.onap.org/service-info': info } },
  spec: { type: 'ClusterIP', ports: [{ port: 9001 }] },
})

async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string
): Promise<T> {
  let last: T | undefined
  for (let i = 0; i < 100; i++) {
    last = await fn()
    if (ok(last)) return last
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`)
}

describe('MSB: kube2msb → msb-discovery → msb-consul → msb-iag', function () {
  this.timeout(10000)
  let cluster: StartedSimCluster
  let client: KubeClient
  const services = new Map<string, FakeService>()
  const calls: string[] = []
  const logs: string[] = []
  const fetch = fakeFetch(services, calls)
  const stops: (() => void)[] = []

  before(async () => {
    cluster = await startTestCluster()
    client = cluster.client('test')
    await client.create(
      { apiVersion: 'v1', resource: 'namespaces', namespaced: false },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'onap' } }
    )
    const consul = startFakeApp(consulApp, { name: 'msb-consul', ip: '10.1.0.2', fetch })
    services.set('msb-consul.onap:8500', (req) => consul.serve(req))
    const discovery = startFakeApp(discoveryApp, {
      name: 'msb-discovery',
      ip: '10.1.0.3',
      fetch,
      env: { CONSUL_IP: 'msb-consul.onap' },
    })
    services.set('msb-discovery.onap:10081', (req) => discovery.serve(req))
    const k2m = startFakeApp(kube2msbApp, {
      name: 'kube2msb',
      ip: '10.1.0.4',
      fetch,
      kube: client,
      logs,
      env: { MSB_URL: 'http://msb-discovery.onap:10081' },
    })
    stops.push(() => k2m.inst.stop?.())
  })
  after(async () => {
    for (const s of stops) s()
    await cluster.stop()
  })

  const iag = () =>
    startFakeApp(apigatewayApp, {
      name: 'msb-iag',
      ip: '10.1.0.5',
      fetch,
      config: { syncMs: 0 },
      env: { SDCLIENT_IP: 'msb-discovery.onap', ROUTE_LABELS: 'visualRange:1' },
    })
  const listed = async () => {
    const res = await fetch('http://msb-discovery.onap:10081/api/microservices/v1/services')
    return (
      JSON.parse(res.body.toString()) as {
        serviceName: string
        version: string
        nodes: { ip: string }[]
      }[]
    ).map((s) => `${s.serviceName}/${s.version}@${s.nodes.map((n) => n.ip).join(',')}`)
  }

  it('registers annotated Services (a malformed one is logged and skipped), routes them, and forgets them when the annotation goes', async () => {
    const mc = await client.create(
      servicesRef,
      annotated(
        'multicloud',
        '[{"serviceName":"multicloud","version":"v0","url":"/api/multicloud/v0","protocol":"REST","port":"9001","visualRange":"1"}]'
      )
    )
    await client.create(servicesRef, annotated('broken', '[{"serviceName":"broken"'))
    await client.create(servicesRef, {
      ...annotated('plain', '[]'),
      metadata: { name: 'plain', namespace: 'onap' },
    })
    const ip = (mc.spec as { clusterIP: string }).clusterIP
    expect(await eventually(listed, (l) => l.length > 0, 'multicloud to register')).to.deep.equal([
      `multicloud/v0@${ip}`,
    ])
    expect(
      logs.some((l) =>
        /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d Failed to Unmarshal serviceInfo to ServiceAnnotation:unexpected end of JSON input$/.test(
          l
        )
      )
    ).to.equal(true)

    services.set(`${ip}:9001`, (req) =>
      Promise.resolve({ status: 200, headers: {}, body: Buffer.from(`multicloud got ${req.path}`) })
    )
    const gw = iag()
    const res = await gw.serve({ path: '/api/multicloud/v0/swagger.json?a=1' })
    expect([res.status, res.body.toString()]).to.deep.equal([
      200,
      'multicloud got /api/multicloud/v0/swagger.json?a=1',
    ])
    const portal = await gw.serve({ path: '/iui/microservices/default.html' })
    expect(portal.body.toString()).to.include(
      '<tr><td>multicloud</td><td>v0</td><td>/api/multicloud/v0</td>'
    )

    const latest = await client.get(servicesRef, 'multicloud', 'onap')
    delete latest.metadata.annotations
    await client.update(servicesRef, latest)
    expect(
      await eventually(listed, (l) => l.length === 0, 'multicloud to deregister')
    ).to.deep.equal([])
    expect(calls).to.include(
      `DELETE http://msb-discovery.onap:10081/api/microservices/v1/services/multicloud/version/v0/nodes/${ip}/9001`
    )
    const gone: HttpResponse = await gw.serve({ path: '/api/multicloud/v0/swagger.json' })
    expect([gone.status, gone.body.toString()]).to.deep.equal([502, NOT_FOUND_PAGE])
  })

  it("answers MSB's 502 for a route without nodes, nginx's 502 for a dead node, 302 for /msb", async () => {
    const d = 'http://msb-discovery.onap:10081/api/microservices/v1/services'
    const reg = await fetch(d, {
      method: 'POST',
      body: JSON.stringify({
        serviceName: 'dead',
        version: 'v1',
        url: '/api/dead/v1',
        protocol: 'REST',
        nodes: [{ ip: '10.9.9.9', port: '80' }],
      }),
    })
    expect(reg.status).to.equal(201)
    const gw = iag()
    const dead = await gw.serve({ path: '/api/dead/v1/x' })
    expect([dead.status, dead.body.toString()]).to.deep.equal([
      502,
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body bgcolor="white">\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n',
    ])
    const msb = await gw.serve({ path: '/msb' })
    expect([msb.status, msb.headers.location]).to.deep.equal([
      302,
      '/iui/microservices/default.html',
    ])
    const bad = await fetch(d, {
      method: 'POST',
      body: JSON.stringify({ version: 'v1', protocol: 'REST' }),
    })
    expect([bad.status, bad.body.toString()]).to.deep.equal([
      400,
      '{"message":"serviceName can\'t be empty"}',
    ])

    // A discovery whose service has no node left: MSB's "no active backend" page.
    const stub = new Map<string, FakeService>([
      [
        'sd:10081',
        () =>
          Promise.resolve({
            status: 200,
            headers: {},
            body: Buffer.from(
              JSON.stringify([
                {
                  serviceName: 'empty',
                  version: 'v1',
                  url: '/api/empty/v1',
                  protocol: 'REST',
                  visualRange: '1',
                  status: '1',
                  lb_policy: '',
                  namespace: '',
                  path: '',
                  enable_ssl: false,
                  nodes: [],
                  labels: [],
                  metadata: [],
                  is_manual: false,
                },
              ])
            ),
          }),
      ],
    ])
    const lonely = startFakeApp(apigatewayApp, {
      name: 'msb-iag',
      ip: '10.1.0.6',
      fetch: fakeFetch(stub),
      env: { SDCLIENT_IP: 'sd' },
    })
    const empty = await lonely.serve({ path: '/api/empty/v1/x' })
    expect([empty.status, empty.body.toString()]).to.deep.equal([
      502,
      NOT_FOUND_PAGE.replace('No route found for this request!', 'No active backend server found!'),
    ])
  })
})
