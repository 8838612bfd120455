import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { endpointsPrinter, servicePrinter } from './service-printers.js'
import { printCtx as ctx, printable } from '../../testing/apiserver/index.js'

const created = '2024-05-01T09:00:00Z' // 3h before NOW

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject =>
  printable('Service', { name: 's', creationTimestamp: created }, spec, status, 'v1')

describe('servicePrinter', () => {
  it('defines Name, Type, Cluster-IP, External-IP, Port(s), Age and wide Selector', () => {
    expect(servicePrinter.columns.map((c) => `${c.name}:${c.priority}`)).to.deep.equal([
      'Name:0',
      'Type:0',
      'Cluster-IP:0',
      'External-IP:0',
      'Port(s):0',
      'Age:0',
      'Selector:1',
    ])
  })

  it('prints a NodePort service as the ONAP page shows it', () => {
    const s = svc({
      type: 'NodePort',
      clusterIP: '10.100.221.66',
      selector: { app: 'msb-eag', release: 'msb' },
      ports: [
        { name: 'http', port: 80, nodePort: 30282, protocol: 'TCP' },
        { name: 'https', port: 443, nodePort: 30284, protocol: 'TCP' },
      ],
    })
    expect(servicePrinter.cells(s, ctx)).to.deep.equal([
      's',
      'NodePort',
      '10.100.221.66',
      '<none>',
      '80:30282/TCP,443:30284/TCP',
      '3h',
      'app=msb-eag,release=msb',
    ])
  })

  it('prints a ClusterIP service, prefers clusterIPs and joins externalIPs', () => {
    const s = svc({
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.10'],
      externalIPs: ['1.2.3.4', '5.6.7.8'],
      ports: [{ port: 53, protocol: 'UDP' }],
    })
    expect(servicePrinter.cells(s, ctx).slice(1, 5)).to.deep.equal([
      'ClusterIP',
      '10.96.0.10',
      '1.2.3.4,5.6.7.8',
      '53/UDP',
    ])
  })

  it('prints <pending> for a LoadBalancer without ingress, then sorted unique addresses', () => {
    const spec = {
      type: 'LoadBalancer',
      clusterIP: '10.0.0.5',
      ports: [{ port: 80, nodePort: 31380, protocol: 'TCP' }],
    }
    expect(servicePrinter.cells(svc(spec), ctx).slice(3, 5)).to.deep.equal([
      '<pending>',
      '80:31380/TCP',
    ])
    const ingress = [
      { ip: '192.168.1.20' },
      { hostname: 'lb.example.com' },
      { ip: '192.168.1.10' },
      { ip: '192.168.1.20' },
    ]
    const s = svc(spec, { loadBalancer: { ingress } })
    expect(servicePrinter.cells(s, ctx)[3]).to.equal('192.168.1.10,192.168.1.20,lb.example.com')
    const withExternal = svc(
      { ...spec, externalIPs: ['9.9.9.9'] },
      { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } }
    )
    expect(servicePrinter.cells(withExternal, ctx)[3]).to.equal('1.1.1.1,9.9.9.9')
  })

  it('prints ExternalName and headless services', () => {
    const ext = svc({ type: 'ExternalName', externalName: 'db.example.com' })
    expect(servicePrinter.cells(ext, ctx).slice(1, 5)).to.deep.equal([
      'ExternalName',
      '<none>',
      'db.example.com',
      '<none>',
    ])
    const headless = svc({
      type: 'ClusterIP',
      clusterIP: 'None',
      ports: [{ port: 5432, protocol: 'TCP' }],
    })
    expect(servicePrinter.cells(headless, ctx)[2]).to.equal('None')
  })

  it('reads a missing type and protocol as server defaults, survives an empty service', () => {
    const s = svc({ ports: [{ port: 8080 }] })
    expect(servicePrinter.cells(s, ctx).slice(1, 5)).to.deep.equal([
      'ClusterIP',
      '<none>',
      '<none>',
      '8080/TCP',
    ])
    expect(servicePrinter.cells({ metadata: {} }, ctx)).to.deep.equal([
      '',
      'ClusterIP',
      '<none>',
      '<none>',
      '<none>',
      '<unknown>',
      '<none>',
    ])
    expect(servicePrinter.cells(svc({ type: 'Weird' }), ctx)[3]).to.equal('<unknown>')
  })
})

describe('endpointsPrinter', () => {
  const ep = (subsets: unknown): KubeObject => ({
    metadata: { name: 'e', creationTimestamp: created },
    subsets,
  })

  it('prints ip:port pairs, at most three then a count of the rest', () => {
    const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip }))
    const e = ep([
      {
        addresses,
        ports: [
          { name: 'http', port: 80 },
          { name: 'grpc', port: 9090 },
        ],
      },
    ])
    expect(endpointsPrinter.cells(e, ctx)).to.deep.equal([
      'e',
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 5 more...',
      '3h',
    ])
    const two = ep([{ addresses: addresses.slice(0, 2), ports: [{ port: 8080 }] }])
    expect(endpointsPrinter.cells(two, ctx)[1]).to.equal('10.0.0.1:8080,10.0.0.2:8080')
  })

  it('prints bare addresses without ports, brackets IPv6, <none> without subsets', () => {
    expect(endpointsPrinter.cells(ep([{ addresses: [{ ip: '10.0.0.1' }] }]), ctx)[1]).to.equal(
      '10.0.0.1'
    )
    expect(
      endpointsPrinter.cells(
        ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }]),
        ctx
      )[1]
    ).to.equal('[fd00::1]:80')
    expect(endpointsPrinter.cells(ep(undefined), ctx)[1]).to.equal('<none>')
    // Only not-ready addresses: the subset exists, the cell is empty, as upstream prints it.
    expect(
      endpointsPrinter.cells(
        ep([{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]),
        ctx
      )[1]
    ).to.equal('')
  })
})
