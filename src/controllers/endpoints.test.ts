import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { Refs } from '../client/index.js'
import type { EndpointSubset } from './endpoint-subsets.js'
import { markPod, waitFor } from '../testing/controllers/controller-helpers.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import type { Pod } from './workload-types.js'

const NS = 'ep'
type Endpoints = KubeObject & { subsets?: EndpointSubset[] }

function pod(name: string, labels: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'metrics', containerPort: 9090 },
          ],
        },
      ],
    },
  }
}

describe('endpoints controller', () => {
  const t = useTestCluster({ controllers: ['endpoint'], namespace: NS })

  const endpoints = (name: string) => t.client.get<Endpoints>(Refs.endpoints, name, NS)

  it('lists ready pods in addresses and others in notReadyAddresses, ports by number and by name', async () => {
    await t.client.create(Refs.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: NS, labels: { tier: 'front' } },
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { name: 'admin', port: 81, targetPort: 9090 },
        ],
      },
    })
    const a = await t.client.create<Pod>(Refs.pods, pod('a', { app: 'web' }))
    const b = await t.client.create<Pod>(Refs.pods, pod('b', { app: 'web' }))
    await t.client.create<Pod>(Refs.pods, pod('other', { app: 'db' }))
    await markPod(t.client, a, { ip: '10.244.1.1' })
    await markPod(t.client, b, { ip: '10.244.1.2', ready: false })
    const ep = await waitFor('both addresses', async () => {
      const e = await endpoints('web')
      return (
        e.subsets?.[0]?.addresses?.length === 1 && e.subsets[0].notReadyAddresses?.length === 1 && e
      )
    })
    expect(ep.metadata.labels).to.deep.equal({ tier: 'front' })
    const s = ep.subsets![0]!
    expect(s.addresses![0]).to.deep.include({ ip: '10.244.1.1' })
    expect(s.addresses![0]!.targetRef).to.include({ kind: 'Pod', name: 'a', namespace: NS })
    expect(s.notReadyAddresses![0]!.ip).to.equal('10.244.1.2')
    expect(s.ports).to.deep.equal([
      { name: 'admin', port: 9090, protocol: 'TCP' },
      { name: 'http', port: 8080, protocol: 'TCP' },
    ])
  })

  it('follows readiness: a pod turning ready moves to addresses, a deleted one leaves', async () => {
    const b = await t.client.get<Pod>(Refs.pods, 'b', NS)
    await markPod(t.client, b, { ready: true })
    await waitFor('two ready', async () => {
      const e = await endpoints('web')
      return e.subsets?.[0]?.addresses?.length === 2 && !e.subsets[0].notReadyAddresses
    })
    await t.client.delete(Refs.pods, 'a', NS, { gracePeriodSeconds: 0 })
    const ep = await waitFor('one left', async () => {
      const e = await endpoints('web')
      return e.subsets?.[0]?.addresses?.length === 1 && e
    })
    expect(ep.subsets![0]!.addresses![0]!.ip).to.equal('10.244.1.2')
  })

  it('leaves Services without a selector alone (negative) and removes Endpoints of deleted Services', async () => {
    await t.client.create(Refs.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'manual', namespace: NS },
      spec: { ports: [{ port: 5432 }] },
    })
    await t.client.create(Refs.endpoints, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'manual', namespace: NS },
      subsets: [{ addresses: [{ ip: '192.168.0.9' }], ports: [{ port: 5432 }] }],
    })
    await t.client.delete(Refs.services, 'web', NS)
    await waitFor('web endpoints gone', async () => {
      try {
        await endpoints('web')
        return false
      } catch {
        return true
      }
    })
    const manual = await endpoints('manual')
    expect(manual.subsets?.[0]?.addresses?.[0]?.ip).to.equal('192.168.0.9')
  })
})
