import { expect } from 'chai'
import { KubeProxy } from './kube-proxy.js'
import { ServiceTable } from './service-table.js'
import { endpoints, seededRandom, service } from '../testing/network/objects.js'

function table(
  o: Parameters<typeof service>[3] = {},
  ready = ['10.0.0.1@w1', '10.0.0.2@w1', '10.0.0.3@w2']
) {
  const t = new ServiceTable()
  t.setService(
    service('web', '10.96.0.10', [{ name: 'http', port: 80, nodePort: 30080 }], {
      type: 'NodePort',
      ...o,
    })
  )
  t.setEndpoints(endpoints('web', ready, [{ name: 'http', port: 8080 }]))
  const e = t.byName('default', 'web')!
  return { svc: e, port: e.ports[0]! }
}

describe('KubeProxy', () => {
  it('spreads connections over every ready endpoint', () => {
    const { svc, port } = table()
    const p = new KubeProxy({ random: seededRandom(7) })
    const counts = new Map<string, number>()
    for (let i = 0; i < 3000; i++) {
      const b = p.choose(svc, port, `192.168.0.${String(i % 250)}`)!
      counts.set(b.ip, (counts.get(b.ip) ?? 0) + 1)
    }
    expect([...counts.keys()].sort()).to.deep.equal(['10.0.0.1', '10.0.0.2', '10.0.0.3'])
    for (const n of counts.values()) expect(n).to.be.within(850, 1150)
  })

  it('rejects when no endpoint is ready', () => {
    const { svc, port } = table({}, [])
    expect(new KubeProxy().choose(svc, port, '1.2.3.4')).to.equal(undefined)
  })

  it('keeps a client on one endpoint with ClientIP affinity until the timeout passes', () => {
    const { svc, port } = table({ affinity: 10 })
    let now = 0
    const p = new KubeProxy({ random: seededRandom(1), now: () => now })
    const first = p.choose(svc, port, '1.2.3.4')!.ip
    for (let i = 0; i < 50; i++) {
      now += 9_000 // each use refreshes the entry
      expect(p.choose(svc, port, '1.2.3.4')!.ip).to.equal(first)
    }
    const others = new Set<string>()
    for (let i = 0; i < 50; i++) {
      now += 11_000
      others.add(p.choose(svc, port, '1.2.3.4')!.ip)
    }
    expect(others.size).to.be.greaterThan(1)
  })

  it('without affinity, one client reaches several endpoints', () => {
    const { svc, port } = table()
    const p = new KubeProxy({ random: seededRandom(3) })
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) seen.add(p.choose(svc, port, '1.2.3.4')!.ip)
    expect(seen.size).to.equal(3)
  })

  it('moves an affine client when its endpoint is no longer ready', () => {
    const a = table({ affinity: true })
    const p = new KubeProxy({ random: () => 0 })
    expect(p.choose(a.svc, a.port, '1.2.3.4')!.ip).to.equal('10.0.0.1')
    const b = table({ affinity: true }, ['10.0.0.2@w1'])
    expect(p.choose(b.svc, b.port, '1.2.3.4')!.ip).to.equal('10.0.0.2')
  })

  it("with externalTrafficPolicy Local, a NodePort reaches only its node's endpoints", () => {
    const { svc, port } = table({ local: true })
    const p = new KubeProxy({ random: seededRandom(5) })
    for (let i = 0; i < 20; i++)
      expect(p.choose(svc, port, '1.2.3.4', 'w2')!.ip).to.equal('10.0.0.3')
    expect(p.choose(svc, port, '1.2.3.4', 'w3')).to.equal(undefined)
    const cluster = table()
    const seen = new Set<string>()
    for (let i = 0; i < 30; i++) seen.add(p.choose(cluster.svc, cluster.port, '1.2.3.4', 'w2')!.ip)
    expect(seen.size).to.equal(3)
  })

  it('draws no random number for a Service with one ready endpoint (no probability rule)', () => {
    let draws = 0
    const p = new KubeProxy({ random: () => (draws++, 0.5) })
    const one = table({}, ['10.0.0.1@w1'])
    expect(p.choose(one.svc, one.port, '1.2.3.4')!.ip).to.equal('10.0.0.1')
    expect(draws).to.equal(0)
    const three = table()
    p.choose(three.svc, three.port, '1.2.3.4')
    expect(draws).to.equal(1)
  })
})
