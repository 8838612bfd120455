import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import type { KubeClient } from '../client/index.js'
import { ImageBehaviourRegistry, parseBehaviours } from '../kubelet/index.js'
import {
  NetError,
  type FetchInit,
  type HttpRequest,
  type PodEndpointInfo,
  type PodNetwork,
} from '../network/index.js'
import { fakeClock } from '../util/index.js'
import { startApps, type StartedApps } from './start-apps.js'
import type { AppOverride } from './types.js'

const BEHAVIOURS = `apiVersion: onap-mesh-lab/v1alpha1
kind: ImageBehaviourList
items:
  - {name: generic, images: ['*'], priority: -100, action: serve}
  - name: front
    images: ['lab.local/front:*']
    action: serve
    app:
      ports: [8080]
      accessLog: '{{method}} {{path}} {{status}}'
      routes:
        - path: /checkout
          body: 'front {{pod}} in {{namespace}}'
          calls: [{url: 'http://back.{{namespace}}:9000/pay'}]
  - name: relay
    images: ['lab.local/relay:*']
    action: serve
    app:
      ports: [8080]
      forwardTraceHeaders: true
      routes:
        - {path: /checkout, calls: [{url: 'http://back:9000/pay'}]}
  - name: never-ready
    images: ['lab.local/never-ready:*']
    action: serve
    readiness: fail
`

function pod(
  name: string,
  image: string,
  o: { running?: boolean; ports?: number[]; probe?: string } = {}
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, labels: { app: name, version: 'v2' } },
    spec: {
      nodeName: 'worker-1',
      containers: [
        {
          name: 'main',
          image,
          ports: (o.ports ?? []).map((containerPort) => ({ containerPort })),
          ...(o.probe
            ? { readinessProbe: { httpGet: { path: o.probe, port: o.ports?.[0] } } }
            : {}),
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.1.1.5',
      containerStatuses: [
        {
          name: 'main',
          restartCount: 0,
          state: o.running === false ? { waiting: {} } : { running: {} },
        },
      ],
    },
  }
}

const info = (p: KubeObject): PodEndpointInfo => ({
  namespace: 'shop',
  name: p.metadata.name ?? '',
  ip: '10.1.1.5',
  nodeName: 'worker-1',
  labels: p.metadata.labels ?? {},
  serviceAccount: 'default',
  hasSidecar: false,
  pod: p,
})

const req = (path: string, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'front',
  headers,
  body: Buffer.alloc(0),
})

describe('startApps()', () => {
  let apps: StartedApps
  let sent: { url: string; init?: FetchInit }[]
  let logs: string[]
  const start = (overrides: AppOverride[] = [], backStatus = 200) => {
    sent = []
    logs = []
    const network: PodNetwork = {
      fetch: (_origin, url, init) => {
        sent.push({ url, ...(init ? { init } : {}) })
        return Promise.resolve({ status: backStatus, headers: {}, body: Buffer.from('paid') })
      },
    }
    apps = startApps({
      behaviours: new ImageBehaviourRegistry().add(parseBehaviours(BEHAVIOURS, 'test.yaml')),
      network: () => network,
      kube: {} as KubeClient,
      clock: fakeClock(),
      logs: { append: (_ns, _pod, _c, lines) => logs.push(...lines) },
      overrides,
      watchPods: false,
    })
  }
  afterEach(() => apps.stop())

  it('answers unknown images with the echo app: pod, namespace, node, version, request line, headers', async () => {
    start()
    const p = pod('web', 'nginx:1.15', { ports: [80] })
    const res = await apps.serve(
      info(p),
      80,
      { kind: 'host', ip: '127.0.10.104' },
      req('/hello?x=1', { 'x-user': 'ann' })
    )
    const body = JSON.parse(res.body.toString()) as Record<string, unknown>
    expect(res.status).to.equal(200)
    expect(body).to.deep.include({
      pod: 'web',
      namespace: 'shop',
      node: 'worker-1',
      version: 'v2',
      request: 'GET /hello?x=1 HTTP/1.1',
      from: '127.0.10.104',
    })
    expect(body.headers).to.deep.equal({ 'x-user': 'ann' })
    expect(logs[0]).to.match(/^127\.0\.10\.104 - - \[.*\] "GET \/hello\?x=1 HTTP\/1\.1" 200 \d+$/)
  })

  it('refuses a port no container serves and a container that is not running', async () => {
    start()
    const from = { kind: 'host', ip: '127.0.0.1' } as const
    const err1 = await apps
      .serve(info(pod('web', 'nginx', { ports: [80] })), 81, from, req('/'))
      .catch((e: unknown) => e)
    expect(err1).to.be.instanceOf(NetError).and.to.include({ code: 'ECONNREFUSED' })
    expect((err1 as Error).message).to.include('no container of pod shop/web serves port 81')
    const err2 = await apps
      .serve(info(pod('web', 'nginx', { ports: [80], running: false })), 80, from, req('/'))
      .catch((e: unknown) => e)
    expect(err2).to.be.instanceOf(NetError).and.to.include({ code: 'ECONNREFUSED' })
    expect((err2 as Error).message).to.include('container main is not running')
  })

  it('runs data routes: calls with templated URLs, renders the body, 404 for other paths', async () => {
    start()
    const p = info(pod('front-1', 'lab.local/front:1'))
    const from = { kind: 'host', ip: '127.0.0.1' } as const
    const res = await apps.serve(p, 8080, from, req('/checkout', { 'x-b3-traceid': 'abc' }))
    expect(res.body.toString()).to.equal('front front-1 in shop')
    expect(sent.map((s) => s.url)).to.deep.equal(['http://back.shop:9000/pay'])
    // front does not forward trace headers (its data does not say forwardTraceHeaders).
    expect(sent[0]?.init?.headers).to.deep.equal({})
    expect(logs).to.deep.equal(['GET /checkout 200'])
    expect((await apps.serve(p, 8080, from, req('/other'))).status).to.equal(404)
  })

  it('forwards the B3 and x-request-id headers it received only when its data says so', async () => {
    start()
    const headers = {
      'x-b3-traceid': 'abc',
      'x-b3-spanid': 'def',
      'x-request-id': 'r1',
      'x-user': 'ann',
    }
    await apps.serve(
      info(pod('relay', 'lab.local/relay:1')),
      8080,
      { kind: 'host', ip: '127.0.0.1' },
      req('/checkout', headers)
    )
    expect(sent[0]?.init?.headers).to.deep.equal({
      'x-b3-traceid': 'abc',
      'x-b3-spanid': 'def',
      'x-request-id': 'r1',
    })
  })

  it('answers 500 when a call fails', async () => {
    start([], 503)
    const res = await apps.serve(
      info(pod('front-1', 'lab.local/front:1')),
      8080,
      { kind: 'host', ip: '127.0.0.1' },
      req('/checkout')
    )
    expect(res.status).to.equal(500)
    expect(res.body.toString()).to.equal('call GET http://back.shop:9000/pay failed: status 503\n')
  })

  it("answers a failing readiness probe's path with 503, as its behaviour says", async () => {
    start()
    const p = info(pod('nr', 'lab.local/never-ready:1', { ports: [80], probe: '/ready' }))
    const from = { kind: 'host', ip: '127.0.0.1' } as const
    expect((await apps.serve(p, 80, from, req('/ready'))).status).to.equal(503)
    expect((await apps.serve(p, 80, from, req('/other'))).status).to.equal(200)
  })

  it('applies scenario overrides: an error rate of 1 and a crash', async () => {
    start([
      {
        name: 'errors',
        match: { pod: 'web-*' },
        afterSeconds: 0,
        errorRate: 1,
        errorStatus: 503,
        crash: false,
      },
      { name: 'down', match: { pod: 'db' }, afterSeconds: 0, crash: true },
      { name: 'later', match: {}, afterSeconds: 3600, crash: true },
    ])
    const from = { kind: 'host', ip: '127.0.0.1' } as const
    expect(
      (await apps.serve(info(pod('web-1', 'nginx', { ports: [80] })), 80, from, req('/'))).status
    ).to.equal(503)
    expect(
      (await apps.serve(info(pod('api', 'nginx', { ports: [80] })), 80, from, req('/'))).status
    ).to.equal(200)
    const err = await apps
      .serve(info(pod('db', 'nginx', { ports: [80] })), 80, from, req('/'))
      .catch((e: unknown) => e)
    expect(err).to.be.instanceOf(NetError).and.to.include({ code: 'ECONNREFUSED' })
  })

  it('answers 503 naming a handler no one registered, and uses it once registered', async () => {
    start()
    const b = new ImageBehaviourRegistry().add(
      parseBehaviours(
        `apiVersion: onap-mesh-lab/v1alpha1\nkind: ImageBehaviourList\nitems:\n- {name: g, images: ['*'], action: serve, app: {ports: [3000], handler: grafana}}\n`,
        'g.yaml'
      )
    )
    apps.stop()
    apps = startApps({
      behaviours: b,
      network: () => ({ fetch: () => Promise.reject(new Error('no')) }),
      kube: {} as KubeClient,
      clock: fakeClock(),
      watchPods: false,
    })
    const p = info(pod('grafana', 'grafana/grafana:5'))
    const from = { kind: 'host', ip: '127.0.0.1' } as const
    const before = await apps.serve(p, 3000, from, req('/'))
    expect([before.status, before.body.toString()]).to.deep.equal([
      503,
      'built-in app "grafana" is not registered in this lab\n',
    ])
    apps.registerHandler('grafana', () => ({
      handle: () => Promise.resolve({ status: 200, headers: {}, body: Buffer.from('dash') }),
    }))
    expect((await apps.serve(p, 3000, from, req('/'))).body.toString()).to.equal('dash')
  })
})
