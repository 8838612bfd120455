import { expect } from 'chai'
import { KubeProxy } from './kube-proxy.js'
import { PodDirectory } from './pod-directory.js'
import { ServiceTable } from './service-table.js'
import { SimPodNetwork } from './sim-pod-network.js'
import { endpoints, pod, seededRandom, service } from '../testing/network/objects.js'
import { echoAppHost } from '../testing/network/test-app-host.js'
import { NetError, type AppHost, type Origin, type SidecarHooks } from './types.js'

function lab() {
  const pods = new PodDirectory()
  const services = new ServiceTable()
  pods.set(pod('web-1', '10.244.1.2', { node: 'w1' }))
  pods.set(pod('web-2', '10.244.2.2', { node: 'w2', running: false }))
  pods.set(pod('client', '10.244.1.9', { labels: { app: 'client' }, sidecar: true }))
  pods.set(pod('plain', '10.244.1.10', { labels: { app: 'plain' } }))
  services.setService(
    service('web', '10.96.0.10', [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }], {
      type: 'NodePort',
    })
  )
  services.setEndpoints(
    endpoints('web', ['10.244.1.2@w1'], [{ name: 'http', port: 8080 }], {
      notReady: ['10.244.2.2@w2'],
    })
  )
  services.setService(service('none', '10.96.0.11', [{ name: 'http', port: 80 }]))
  const calls: string[] = []
  const net = new SimPodNetwork({
    pods,
    services,
    proxy: new KubeProxy({ random: seededRandom() }),
    nodeAt: (a) => (a === '127.0.10.105' ? 'w1' : undefined),
  })
  net.setAppHost(echoAppHost(calls))
  const from = (name: string): Origin => ({
    kind: 'pod',
    pod: pods.byName('default', name)!.info,
    container: 'app',
  })
  return { net, pods, services, calls, from }
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (err) {
    return err instanceof NetError ? err.code : String(err)
  }
}

describe('SimPodNetwork', () => {
  it("sends a pod's request by Service name to a ready endpoint's target port", async () => {
    const { net, from } = lab()
    const r = await net.fetch(from('plain'), 'http://web/hello?x=1', {
      method: 'post',
      headers: { 'X-Trace': 'a' },
      body: 'abc',
    })
    expect(r.status).to.equal(200)
    const got = JSON.parse(r.body.toString()) as Record<string, unknown>
    expect(got).to.deep.include({
      pod: 'web-1',
      port: 8080,
      from: 'plain',
      method: 'POST',
      path: '/hello?x=1',
      authority: 'web',
      bodyBytes: 3,
    })
    expect(got.headers).to.deep.equal({ 'x-trace': 'a', host: 'web' })
  })

  it('sends a JSON value as its bytes, handing the value itself to an in-process receiver', async () => {
    const { net, from } = lab()
    const seen: unknown[] = []
    const echo = echoAppHost()
    const apps = {
      serve: (...a: Parameters<AppHost['serve']>) => (seen.push(a[3].json), echo.serve(...a)),
    }
    net.setAppHost(apps)
    const value = [{ id: 'abc' }]
    const r = await net.fetch(from('plain'), 'http://web/api/v1/spans', {
      method: 'POST',
      json: value,
    })
    expect(seen).to.deep.equal([value])
    expect(seen[0]).to.equal(value)
    const got = JSON.parse(r.body.toString()) as Record<string, unknown>
    expect(got.bodyBytes).to.equal(Buffer.byteLength(JSON.stringify(value)))
    // Without `json`, a receiver finds no value: bytes only.
    await net.fetch(from('plain'), 'http://web/', { method: 'POST', body: '[1]' })
    expect(seen[1]).to.equal(undefined)
  })

  it('fails an unknown name with ENOTFOUND, a Service without ready endpoints with ECONNREFUSED', async () => {
    const { net, from } = lab()
    expect(await code(net.fetch(from('plain'), 'http://nope/'))).to.equal('ENOTFOUND')
    expect(await code(net.fetch(from('plain'), 'http://none/'))).to.equal('ECONNREFUSED')
    expect(await code(net.fetch(from('plain'), 'http://web:81/'))).to.equal('ECONNREFUSED')
  })

  it('refuses a pod IP whose container is not running, and a port no container listens on when the app refuses', async () => {
    const { net, from } = lab()
    expect(await code(net.fetch(from('plain'), 'http://10.244.2.2:8080/'))).to.equal('ECONNREFUSED')
    expect(await code(net.fetch(from('plain'), 'http://10.244.1.2:8080/'))).to.equal('ok')
    expect(await code(net.fetch(from('plain'), 'http://10.9.9.9:8080/'))).to.equal('ECONNREFUSED')
  })

  it('resolves nothing but IPs and localhost from the host, and reaches NodePorts of running nodes', async () => {
    const { net } = lab()
    const host: Origin = { kind: 'host', ip: '127.0.0.1' }
    expect(await code(net.fetch(host, 'http://web/'))).to.equal('ENOTFOUND')
    const r = await net.fetch(host, 'http://127.0.10.105:30080/')
    expect(JSON.parse(r.body.toString())).to.include({ pod: 'web-1', from: '127.0.0.1' })
    expect(await code(net.fetch(host, 'http://127.0.10.106:30080/'))).to.equal('ECONNREFUSED')
  })

  it("reaches a hostNetwork pod on its node's address at a port that is no NodePort", async () => {
    const { net, pods } = lab()
    const host: Origin = { kind: 'host', ip: '127.0.0.1' }
    expect(await code(net.fetch(host, 'http://127.0.10.105:6443/'))).to.equal('ECONNREFUSED')
    pods.set(pod('kube-apiserver', '127.0.10.105', { node: 'w1', ports: [6443], labels: {} }))
    const r = await net.fetch(host, 'http://127.0.10.105:6443/')
    expect(JSON.parse(r.body.toString())).to.include({ pod: 'kube-apiserver', port: 6443 })
  })

  it('runs the source sidecar outbound and the destination sidecar inbound around the app', async () => {
    const { net, pods, calls, from } = lab()
    pods.set(pod('web-1', '10.244.1.2', { node: 'w1', sidecar: true }))
    const hooks: SidecarHooks = {
      outbound: (f, dest, req, next) => (
        calls.push(`out ${f.name}->${dest.host}(${dest.ip}:${String(dest.port)})`),
        next(undefined, req)
      ),
      inbound: (to, port, f, req, next) => (
        calls.push(`in ${to.name}:${String(port)} from ${f.kind === 'pod' ? f.pod.name : f.ip}`),
        next(req)
      ),
    }
    net.setSidecarHooks(hooks)
    await net.fetch(from('client'), 'http://web.default.svc.cluster.local/')
    expect(calls).to.deep.equal([
      'out client->web.default.svc.cluster.local(10.96.0.10:80)',
      'in web-1:8080 from client',
      'app web-1:8080',
    ])
  })

  it("delivers to the target a sidecar chose instead of kube-proxy's", async () => {
    const { net, pods, calls, from } = lab()
    pods.set(pod('web-3', '10.244.2.7', { node: 'w2' }))
    net.setSidecarHooks({
      outbound: (_f, _d, req, next) => next({ ip: '10.244.2.7', port: 8080 }, req),
      inbound: (_t, _p, _f, req, next) => next(req),
    })
    const r = await net.fetch(from('client'), 'http://web/')
    expect(JSON.parse(r.body.toString())).to.include({ pod: 'web-3' })
    expect(calls).to.deep.equal(['app web-3:8080'])
  })

  it('refuses outbound traffic of a pod whose sidecar is not running (istio-init redirects to 15001)', async () => {
    const { net, pods, from } = lab()
    pods.set(
      pod('client', '10.244.1.9', { labels: { app: 'client' }, sidecar: true, running: false })
    )
    expect(await code(net.fetch(from('client'), 'http://web/'))).to.equal('ECONNREFUSED')
  })

  it('times out with ETIMEDOUT when the app does not answer in time', async () => {
    const { net, from } = lab()
    net.setAppHost({ serve: () => new Promise(() => undefined) })
    expect(await code(net.fetch(from('plain'), 'http://web/', { timeoutMs: 20 }))).to.equal(
      'ETIMEDOUT'
    )
  })
})
