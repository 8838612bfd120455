import { expect } from 'chai'
import { KubeProxy } from './kube-proxy.js'
import { StreamOpener } from './open-stream.js'
import { PodDirectory } from './pod-directory.js'
import { ServiceTable } from './service-table.js'
import { SimPodNetwork } from './sim-pod-network.js'
import { pod } from '../testing/network/objects.js'
import { echoAppHost } from '../testing/network/test-app-host.js'
import { NetError } from './types.js'

function opener(inbound: string[] = []) {
  const pods = new PodDirectory()
  pods.set(pod('web-1', '10.244.1.2', { sidecar: true }))
  pods.set(pod('down', '10.244.1.3', { running: false }))
  const network = new SimPodNetwork({
    pods,
    services: new ServiceTable(),
    proxy: new KubeProxy(),
    nodeAt: () => undefined,
  })
  network.setAppHost(echoAppHost())
  network.setSidecarHooks({
    outbound: (_f, _d, req, next) => next(undefined, req),
    inbound: (to, _p, _f, req, next) => (inbound.push(to.name), next(req)),
  })
  return new StreamOpener(pods, network)
}

function exchange(s: NodeJS.ReadWriteStream, text: string): Promise<string> {
  return new Promise((resolve) => {
    let out = ''
    s.on('data', (c: Buffer) => (out += c.toString()))
    s.on('end', () => resolve(out))
    s.write(text)
  })
}

describe('StreamOpener', () => {
  it('serves HTTP/1.1 requests written to the stream by the app, bypassing the sidecar', async () => {
    const inbound: string[] = []
    const o = opener(inbound)
    const s = o.open({ namespace: 'default', pod: 'web-1', port: 8080 })
    const out = await exchange(
      s,
      'GET /a HTTP/1.1\r\nHost: localhost:9090\r\n\r\nGET /b HTTP/1.1\r\nHost: localhost:9090\r\nConnection: close\r\n\r\n'
    )
    const bodies = out
      .split('HTTP/1.1 ')
      .filter(Boolean)
      .map((r) => r.slice(r.indexOf('\r\n\r\n') + 4))
    expect(out.startsWith('HTTP/1.1 200 OK\r\n')).to.equal(true)
    expect(bodies.map((b) => (JSON.parse(b) as { path: string }).path)).to.deep.equal(['/a', '/b'])
    expect(JSON.parse(bodies[0]!)).to.include({
      pod: 'web-1',
      from: '127.0.0.1',
      authority: 'localhost:9090',
    })
    expect(inbound).to.deep.equal([])
    o.stop()
  })

  it('refuses a pod that is unknown or not running', () => {
    const o = opener()
    expect(() => o.open({ namespace: 'default', pod: 'nope', port: 8080 })).to.throw(
      NetError,
      'ECONNREFUSED'
    )
    expect(() => o.open({ namespace: 'default', pod: 'down', port: 8080 })).to.throw(
      NetError,
      'ECONNREFUSED'
    )
  })
})
