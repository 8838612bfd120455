import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { dig, failure, SVC, useClientHarness, type Obj } from '../../testing/apiserver/index.js'

describe('ServiceAllocator', () => {
  const { client, namespace } = useClientHarness('svc')

  describe('allocation through the API', () => {
    it('allocates a ClusterIP in the service subnet and NodePorts in the range', async () => {
      const ns = await namespace()
      const svc = await client.create<KubeObject>(SVC, {
        metadata: { name: 'web', namespace: ns },
        spec: {
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [{ port: 80 }, { port: 443, name: 'https' }],
        },
      })
      const ip = String(dig(svc, 'spec.clusterIP'))
      const [a, b] = ip.split('.').map(Number)
      expect(a).to.equal(10)
      expect(b! >= 96 && b! <= 111, ip).to.equal(true)
      expect(ip).to.not.equal('10.96.0.1')
      const ports = dig(svc, 'spec.ports') as Obj[]
      for (const p of ports) expect(Number(p.nodePort)).to.be.within(30000, 32767)
      expect(ports[0]!.nodePort).to.not.equal(ports[1]!.nodePort)
      expect(ports[0]).to.include({ protocol: 'TCP', targetPort: 80 })
      // A later PUT without clusterIP or nodePorts keeps them.
      const again = await client.update<KubeObject>(SVC, {
        ...svc,
        spec: {
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [{ port: 80 }, { port: 443, name: 'https' }],
        },
      })
      expect(dig(again, 'spec.clusterIP')).to.equal(ip)
      expect((dig(again, 'spec.ports') as Obj[]).map((p) => p.nodePort)).to.deep.equal(
        ports.map((p) => p.nodePort)
      )
    })

    it('refuses a NodePort already allocated with 422 and the apiserver message', async () => {
      const ns = await namespace()
      const spec = { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }
      await client.create<KubeObject>(SVC, { metadata: { name: 'a', namespace: ns }, spec })
      const err = await failure(
        client.create<KubeObject>(SVC, { metadata: { name: 'b', namespace: ns }, spec })
      )
      expect(err.code).to.equal(422)
      expect(err.message).to.equal(
        'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated'
      )
      const range = await failure(
        client.create<KubeObject>(SVC, {
          metadata: { name: 'c', namespace: ns },
          spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
        })
      )
      expect(range.message).to.contain(
        'provided port is not in the valid range. The range of valid ports is 30000-32767'
      )
    })

    it('refuses a ClusterIP already allocated', async () => {
      const ns = await namespace()
      const a = await client.create<KubeObject>(SVC, {
        metadata: { name: 'a', namespace: ns },
        spec: { ports: [{ port: 80 }] },
      })
      const ip = String(dig(a, 'spec.clusterIP'))
      const err = await failure(
        client.create<KubeObject>(SVC, {
          metadata: { name: 'b', namespace: ns },
          spec: { clusterIP: ip, ports: [{ port: 80 }] },
        })
      )
      expect(err.code).to.equal(422)
      expect(err.message).to.contain(
        `spec.clusterIP: Invalid value: "${ip}": provided IP is already allocated`
      )
    })

    it('refuses ports that are not objects with 422 (they used to crash allocation)', async () => {
      const ns = await namespace()
      for (const ports of [[null], ['x'], [{ port: 80 }, 5]]) {
        const err = await failure(
          client.create<KubeObject>(SVC, {
            metadata: { name: 'bad', namespace: ns },
            spec: { type: 'NodePort', ports },
          })
        )
        expect(err.code, JSON.stringify(ports)).to.equal(422)
        expect(err.message).to.match(
          /^Service "bad" is invalid: spec.ports\[\d\]: Invalid value: must be an object$/
        )
      }
      const notAList = await failure(
        client.create<KubeObject>(SVC, {
          metadata: { name: 'bad', namespace: ns },
          spec: { ports: 'x' },
        })
      )
      expect(notAList.message).to.equal('Service "bad" is invalid: spec.ports: Required value')
    })

    it('drops nodePorts of a ClusterIP Service and allocates no ClusterIP for a headless one', async () => {
      const ns = await namespace()
      const svc = await client.create<KubeObject>(SVC, {
        metadata: { name: 'a', namespace: ns },
        spec: { ports: [{ port: 80, nodePort: 30999 }] },
      })
      expect((dig(svc, 'spec.ports') as Obj[])[0]!.nodePort).to.equal(undefined)
      const headless = await client.create<KubeObject>(SVC, {
        metadata: { name: 'h', namespace: ns },
        spec: { clusterIP: 'None', ports: [{ port: 80 }] },
      })
      expect(dig(headless, 'spec.clusterIP')).to.equal('None')
    })
  })
})
