import { expect } from 'chai'
import { createServer } from 'node:http'
import { Agent } from 'node:http'
import { KubeProxy } from './kube-proxy.js'
import { NodePortServers } from './node-port-servers.js'
import { PodDirectory } from './pod-directory.js'
import { ServiceTable } from './service-table.js'
import { SimPodNetwork } from './sim-pod-network.js'
import { httpGet } from '../testing/network/http-get.js'
import { endpoints, pod, service } from '../testing/network/objects.js'
import { echoAppHost } from '../testing/network/test-app-host.js'

const A = '127.0.77.1'
const B = '127.0.77.2'
const PORT = 30000 + Math.floor(Math.random() * 20_000)

function setup(limits?: { maxBodyBytes: number }) {
  const pods = new PodDirectory()
  const services = new ServiceTable()
  const proxy = new KubeProxy()
  pods.set(pod('web-1', '10.244.1.2', { node: 'w1' }))
  pods.set(pod('web-2', '10.244.2.2', { node: 'w2' }))
  const network = new SimPodNetwork({ pods, services, proxy, nodeAt: () => undefined })
  network.setAppHost(echoAppHost())
  const bindErrors: string[] = []
  const nodes = [
    { name: 'w1', address: A },
    { name: 'w2', address: B },
  ]
  const servers = new NodePortServers({
    services,
    network,
    proxy,
    nodes: () => nodes,
    onBindError: (svc, port, node, err) =>
      bindErrors.push(
        `${svc.name}:${port}@${node.name} ${(err as NodeJS.ErrnoException).code ?? ''}`
      ),
    ...(limits
      ? {
          limits: {
            maxBodyBytes: limits.maxBodyBytes,
            headersTimeoutMs: 2000,
            requestTimeoutMs: 5000,
            maxConnections: 64,
          },
        }
      : {}),
  })
  services.onChange(() => servers.schedule())
  const svc = (o: Parameters<typeof service>[3] = {}) =>
    services.setService(
      service('web', '10.96.0.10', [{ name: 'http', port: 80, nodePort: PORT }], {
        type: 'NodePort',
        ...o,
      })
    )
  const eps = (ready: string[]) =>
    services.setEndpoints(endpoints('web', ready, [{ name: 'http', port: 8080 }]))
  return { servers, svc, eps, bindErrors, nodes, network }
}

const tick = () => new Promise((r) => setTimeout(r, 30))

describe('NodePortServers', () => {
  let s: ReturnType<typeof setup>
  afterEach(async () => s.servers.stop())

  it('opens the NodePort on every node while an endpoint is ready, and closes it when none is', async () => {
    s = setup()
    s.svc()
    s.eps(['10.244.1.2@w1'])
    await tick()
    expect(s.servers.open().sort()).to.deep.equal([`${A}:${String(PORT)}`, `${B}:${String(PORT)}`])
    const r = await httpGet(`http://${B}:${String(PORT)}/x`)
    expect(r.status).to.equal(200)
    expect(JSON.parse(r.body!)).to.include({
      pod: 'web-1',
      port: 8080,
      path: '/x',
      from: '127.0.0.1',
    })
    s.eps([])
    await tick()
    expect(s.servers.open()).to.deep.equal([])
    expect((await httpGet(`http://${A}:${String(PORT)}/`)).error).to.equal('ECONNREFUSED')
  })

  it('does not listen for a ClusterIP Service', async () => {
    s = setup()
    s.svc({ type: 'ClusterIP' })
    s.eps(['10.244.1.2@w1'])
    await tick()
    expect(s.servers.open()).to.deep.equal([])
  })

  it('with externalTrafficPolicy Local listens only on nodes that run an endpoint', async () => {
    s = setup()
    s.svc({ local: true })
    s.eps(['10.244.2.2@w2'])
    await tick()
    expect(s.servers.open()).to.deep.equal([`${B}:${String(PORT)}`])
    expect(JSON.parse((await httpGet(`http://${B}:${String(PORT)}/`)).body!)).to.include({
      pod: 'web-2',
    })
  })

  it('chooses the endpoint once per connection, not per request', async () => {
    s = setup()
    s.svc()
    s.eps(['10.244.1.2@w1', '10.244.2.2@w2'])
    await tick()
    const perConnection = new Set<string>()
    for (let c = 0; c < 6; c++) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      const seen = new Set<string>()
      for (let i = 0; i < 5; i++)
        seen.add(
          (
            JSON.parse((await httpGet(`http://${A}:${String(PORT)}/`, { agent })).body!) as {
              pod: string
            }
          ).pod
        )
      agent.destroy()
      expect(seen.size).to.equal(1)
      perConnection.add([...seen][0]!)
    }
    expect(perConnection.size).to.be.at.least(1)
  })

  it('reports a port taken on the host and keeps serving the other nodes', async () => {
    s = setup()
    const squatter = createServer()
    await new Promise<void>((r) => squatter.listen(PORT, A, r))
    try {
      s.svc()
      s.eps(['10.244.1.2@w1'])
      await tick()
      expect(s.bindErrors).to.deep.equal(['web:http@w1 EADDRINUSE'])
      expect(s.servers.open()).to.deep.equal([`${B}:${String(PORT)}`])
      s.eps(['10.244.1.2@w1', '10.244.2.2@w2'])
      await tick()
      expect(s.bindErrors).to.have.length(1)
    } finally {
      squatter.close()
    }
  })

  it('answers 413 to a body over the limit and keeps serving', async () => {
    s = setup({ maxBodyBytes: 1024 })
    s.svc()
    s.eps(['10.244.1.2@w1'])
    await tick()
    const big = await httpGet(`http://${A}:${String(PORT)}/`, {
      method: 'POST',
      body: Buffer.alloc(4096),
    })
    expect(big.status).to.equal(413)
    const chunked = await httpGet(`http://${A}:${String(PORT)}/`, {
      method: 'POST',
      body: Buffer.alloc(4096),
      headers: { 'transfer-encoding': 'chunked' },
    })
    expect(chunked.status ?? chunked.error).to.be.oneOf([413, 'EPIPE', 'ECONNRESET'])
    const ok = await httpGet(`http://${A}:${String(PORT)}/`, {
      method: 'POST',
      body: Buffer.alloc(512),
    })
    expect(JSON.parse(ok.body!)).to.include({ bodyBytes: 512 })
  })

  it('resets the connection of an app that throws or answers an invalid header, and keeps serving', async () => {
    s = setup()
    const echo = echoAppHost()
    s.network.setAppHost({
      serve: (to, port, from, req) => {
        if (req.path === '/throw') throw new Error('boom')
        if (req.path === '/bad-header')
          return Promise.resolve({
            status: 200,
            headers: { 'x-bad': 'a\r\nb' },
            body: Buffer.alloc(0),
          })
        return echo.serve(to, port, from, req)
      },
    })
    s.svc()
    s.eps(['10.244.1.2@w1'])
    await tick()
    const base = `http://${A}:${String(PORT)}`
    expect((await httpGet(`${base}/throw`)).error).to.equal('ECONNRESET')
    expect((await httpGet(`${base}/bad-header`)).error).to.equal('ECONNRESET')
    expect((await httpGet(`${base}/fine`)).status).to.equal(200)
  })
})
