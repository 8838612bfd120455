import { expect } from 'chai'
import { ConfigFileError } from '../cluster/index.js'
import { defaultBehaviourRegistry, parseBehaviours } from '../kubelet/index.js'
import { parseApps } from './parse-app.js'

const HEADER = 'apiVersion: onap-mesh-lab/v1alpha1\nkind: ImageBehaviourList\nitems:\n'
const load = (text: string, file = 'apps.yaml') => parseApps(parseBehaviours(HEADER + text, file))

describe('parseApps()', () => {
  it('reads ports, routes with their defaults, calls, latency and trace forwarding', () => {
    const apps = load(`- name: shop
  images: ['lab.local/shop:*']
  action: serve
  app:
    ports: [8080]
    forwardTraceHeaders: true
    latencyMs: {min: 1, max: 3}
    routes:
      - path: /items/{id}
        json: {id: '{{param.id}}'}
        errorRate: 0.25
      - method: POST
        path: /buy
        status: 201
        calls:
          - url: http://payments:9000/pay
            method: POST
`)
    const shop = apps.get('shop')
    expect(shop?.ports).to.deep.equal([8080])
    expect(shop?.forwardTraceHeaders).to.equal(true)
    expect(shop?.latency).to.deep.equal({ kind: 'uniform', min: 1, max: 3 })
    expect(shop?.routes[0]).to.deep.include({
      method: '*',
      status: 200,
      errorRate: 0.25,
      errorStatus: 500,
      body: '{"id":"{{param.id}}"}',
      headers: { 'content-type': 'application/json' },
    })
    expect(shop?.routes[1]?.calls).to.deep.equal([
      { method: 'POST', url: 'http://payments:9000/pay', headers: {} },
    ])
  })

  it('names the file, line and field of every bad value', () => {
    const text = `- name: ok
  images: ['a']
  action: serve
- name: bad
  images: ['b']
  action: serve
  app:
    ports: [0]
    routes:
      - path: items
        status: 700
        errorRate: 2
        colour: red
        calls:
          - url: ftp://x
`
    let err: unknown
    try {
      load(text, 'behaviours/shop.yaml')
    } catch (e) {
      err = e
    }
    expect(err).to.be.instanceOf(ConfigFileError)
    expect((err as Error).message.split('\n')).to.deep.equal([
      'behaviours/shop.yaml:11: items[1].app.ports: must be a list of port numbers (1-65535)',
      'behaviours/shop.yaml:16: items[1].app.routes[0].colour: unknown field',
      'behaviours/shop.yaml:13: items[1].app.routes[0].path: Required value: a path pattern starting with "/"',
      'behaviours/shop.yaml:14: items[1].app.routes[0].status: must be an HTTP status (100-599)',
      'behaviours/shop.yaml:15: items[1].app.routes[0].errorRate: must be a number from 0 to 1',
      'behaviours/shop.yaml:18: items[1].app.routes[0].calls[0].url: Required value: an http:// URL',
    ])
  })

  it('names a template whose {{ is not closed', () => {
    expect(() =>
      load(
        `- name: x
  images: ['x']
  action: serve
  app:
    accessLog: '{{method} {{path}}'
    routes: [{path: /, body: 'ok {{pod}}'}]
`,
        'x.yaml'
      )
    ).to.throw('x.yaml:8: items[0].app.accessLog: has a "{{" not closed as {{name}}')
  })

  it('wants routes or a handler, and rejects a latency it cannot sample', () => {
    expect(() =>
      load(
        `- {name: x, images: ['x'], action: serve, app: {latencyMs: {min: 5, max: 1}}}\n`,
        'x.yaml'
      )
    ).to.throw(
      'x.yaml:4: items[0].app.routes: Required value: an app needs routes or a handler\n' +
        'x.yaml:4: items[0].app.latencyMs: must be ms ≥ 0, {min, max} with min ≤ max, or {mean, stddev}'
    )
  })

  it("accepts the lab's own behaviour files", () => {
    const apps = parseApps(defaultBehaviourRegistry().list())
    expect(apps.get('msb-apigateway')?.handler).to.equal('msb-apigateway')
    expect(apps.get('multicloud-framework')?.ports).to.deep.equal([9001])
  })
})
