import { expect } from 'chai'
import { readyBackends, ServiceTable } from './service-table.js'
import { endpoints, service } from '../testing/network/objects.js'

describe('ServiceTable', () => {
  it('keeps only ready addresses, per Service port name, with the resolved target port', () => {
    const b = readyBackends(
      endpoints(
        'web',
        ['10.244.1.2@w1', '10.244.2.3@w2'],
        [
          { name: 'http', port: 8080 },
          { name: 'metrics', port: 9090 },
        ],
        {
          notReady: ['10.244.1.9@w1'],
        }
      )
    )
    expect(b.get('http')).to.deep.equal([
      { ip: '10.244.1.2', port: 8080, nodeName: 'w1' },
      { ip: '10.244.2.3', port: 8080, nodeName: 'w2' },
    ])
    expect(b.get('metrics')!.map((x) => x.port)).to.deep.equal([9090, 9090])
    expect(b.get('other')).to.equal(undefined)
  })

  it('joins a Service with its Endpoints whichever comes first, and forgets both', () => {
    const t = new ServiceTable()
    let changes = 0
    t.onChange(() => changes++)
    t.setEndpoints(endpoints('web', ['10.244.1.2'], [{ name: 'http', port: 8080 }]))
    expect(t.byName('default', 'web')).to.equal(undefined)
    t.setService(
      service(
        'web',
        '10.96.0.10',
        [{ name: 'http', port: 80, targetPort: 'web', nodePort: 30080 }],
        { type: 'NodePort' }
      )
    )
    const e = t.byClusterIP('10.96.0.10')!
    expect(e.ports[0]!.backends.map((b) => `${b.ip}:${String(b.port)}`)).to.deep.equal([
      '10.244.1.2:8080',
    ])
    expect(t.nodePort(30080)!.svc.name).to.equal('web')
    t.setEndpoints(
      endpoints('web', [], [{ name: 'http', port: 8080 }], { notReady: ['10.244.1.2'] })
    )
    expect(t.byClusterIP('10.96.0.10')!.ports[0]!.backends).to.deep.equal([])
    t.removeService(service('web', '10.96.0.10', []))
    expect(t.byClusterIP('10.96.0.10')).to.equal(undefined)
    expect(t.nodePort(30080)).to.equal(undefined)
    expect(changes).to.equal(4)
  })

  it('exposes NodePorts only for NodePort and LoadBalancer Services', () => {
    const t = new ServiceTable()
    t.setService(service('a', '10.96.0.1', [{ port: 80, nodePort: 30001 }]))
    t.setService(
      service('b', '10.96.0.2', [{ port: 80, nodePort: 30002 }], { type: 'LoadBalancer' })
    )
    expect(t.nodePort(30001)).to.equal(undefined)
    expect(t.nodePort(30002)!.svc.name).to.equal('b')
  })

  it('reads ClientIP affinity (3 h by default) and externalTrafficPolicy', () => {
    const t = new ServiceTable()
    t.setService(service('a', '10.96.0.1', [{ port: 80 }], { affinity: true, local: true }))
    t.setService(service('b', '10.96.0.2', [{ port: 80 }], { affinity: 60 }))
    t.setService(service('c', '10.96.0.3', [{ port: 80 }]))
    expect(t.byName('default', 'a')).to.include({ affinitySeconds: 10_800, local: true })
    expect(t.byName('default', 'b')).to.include({ affinitySeconds: 60, local: false })
    expect(t.byName('default', 'c')).to.include({ affinitySeconds: 0 })
  })
})
