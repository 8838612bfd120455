import { expect } from 'chai'
import type { StartedSimCluster } from '../backends/sim/index.js'
import { startTestCluster } from '../testing/apiserver/index.js'
import type { KubeClient } from '../client/index.js'
import { podsRef } from '../kubelet/index.js'
import { scaledClock } from '../util/index.js'
import { endpointsRef, servicesRef, startNetwork, type StartedNetwork } from './start-network.js'
import { endpoints, pod, service } from '../testing/network/objects.js'
import { echoAppHost } from '../testing/network/test-app-host.js'
import { NetError, type Origin } from './types.js'

const eventually = async (fn: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i++) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('timed out')
}

describe('startNetwork()', () => {
  let cluster: StartedSimCluster
  let client: KubeClient
  let net: StartedNetwork
  before(async () => {
    cluster = await startTestCluster()
    client = cluster.client('test')
    for (const p of [
      pod('web-1', '10.244.1.2'),
      pod('client', '10.244.1.9', { labels: { app: 'client' } }),
    ]) {
      const created = await client.create(podsRef, { ...p, status: undefined })
      await client.update(podsRef, { ...created, status: p.status }, { subresource: 'status' })
    }
    const svc = await client.create(
      servicesRef,
      service('web', '', [{ name: 'http', port: 80, targetPort: 8080 }])
    )
    expect((svc.spec as { clusterIP: string }).clusterIP).to.match(/^10\./)
    await client.create(
      endpointsRef,
      endpoints('web', ['10.244.1.2'], [{ name: 'http', port: 8080 }])
    )
    net = startNetwork({
      client: cluster.client('kube-proxy'),
      clock: scaledClock(1),
      nodes: [],
      listen: false,
    })
    net.setAppHost(echoAppHost())
    await net.synced
  })
  after(async () => {
    await net.stop()
    await cluster.stop()
  })

  const from = (): Origin => net.podOrigin('default', 'client')!

  it('routes from the objects it lists: pod identity, Service, Endpoints', async () => {
    expect(from()).to.deep.include({ kind: 'pod', container: 'app' })
    const r = await net.fetch(from(), 'http://web.default/')
    expect(JSON.parse(r.body.toString())).to.include({ pod: 'web-1', port: 8080, from: 'client' })
    expect(net.podsMatching('default', { app: 'client' }).map((p) => p.name)).to.deep.equal([
      'client',
    ])
  })

  it('follows changes live: Endpoints emptied → refused, Service deleted → not found', async () => {
    const ep = await client.get(endpointsRef, 'web', 'default')
    await client.update(endpointsRef, { ...ep, subsets: [] })
    const code = async () => {
      try {
        await net.fetch(from(), 'http://web/')
        return 'ok'
      } catch (err) {
        return (err as NetError).code
      }
    }
    await eventually(async () => (await code()) === 'ECONNREFUSED')
    await client.delete(servicesRef, 'web', 'default')
    await eventually(async () => (await code()) === 'ENOTFOUND')
    expect(net.resolve(from(), 'web')).to.equal(undefined)
  })
})
