import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { nodePrinter, nodeRoles } from './node-printer.js'
import { printCtx as ctx, printable } from '../../testing/apiserver/index.js'

const node = (labels: Record<string, string>, spec: object, status: object): KubeObject =>
  printable(
    'Node',
    { name: 'onap-master', labels, creationTimestamp: '2024-04-29T12:00:00Z' },
    spec,
    status,
    'v1'
  )

const info = {
  kubeletVersion: 'v1.11.1',
  osImage: 'Ubuntu 16.04.5 LTS',
  kernelVersion: '4.4.0-134-generic',
  containerRuntimeVersion: 'docker://17.3.2',
}

describe('nodePrinter', () => {
  it('defines the node columns, wide ones with priority 1', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).to.deep.equal([
      'Name:0',
      'Status:0',
      'Roles:0',
      'Age:0',
      'Version:0',
      'Internal-IP:1',
      'External-IP:1',
      'OS-Image:1',
      'Kernel-Version:1',
      'Container-Runtime:1',
    ])
    expect(nodePrinter.columns[0].format).to.equal('name')
  })

  it('prints a cordoned master: Ready,SchedulingDisabled and the master role', () => {
    const n = node(
      { 'kubernetes.io/hostname': 'onap-master', 'node-role.kubernetes.io/master': '' },
      {
        unschedulable: true,
        taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
      },
      {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
        addresses: [
          { type: 'InternalIP', address: '127.0.10.104' },
          { type: 'Hostname', address: 'onap-master' },
        ],
        nodeInfo: info,
      }
    )
    expect(nodePrinter.cells(n, ctx)).to.deep.equal([
      'onap-master',
      'Ready,SchedulingDisabled',
      'master',
      '2d',
      'v1.11.1',
      '127.0.10.104',
      '<none>',
      'Ubuntu 16.04.5 LTS',
      '4.4.0-134-generic',
      'docker://17.3.2',
    ])
  })

  it('prints NotReady for a Ready condition that is False or Unknown, Unknown without one', () => {
    const status = (s: string) => ({ conditions: [{ type: 'Ready', status: s }] })
    expect(nodePrinter.cells(node({}, {}, status('False')), ctx)[1]).to.equal('NotReady')
    expect(nodePrinter.cells(node({}, {}, status('Unknown')), ctx)[1]).to.equal('NotReady')
    expect(nodePrinter.cells(node({}, { unschedulable: true }, {}), ctx)[1]).to.equal(
      'Unknown,SchedulingDisabled'
    )
  })

  it('finds roles from node-role.kubernetes.io/<role> and kubernetes.io/role, sorted', () => {
    const n = node(
      {
        'node-role.kubernetes.io/worker': 'true',
        'kubernetes.io/role': 'edge',
        'node-role.kubernetes.io/': 'x',
      },
      {},
      {}
    )
    expect(nodeRoles(n)).to.deep.equal(['edge', 'worker'])
    expect(nodePrinter.cells(n, ctx)[2]).to.equal('edge,worker')
    expect(nodePrinter.cells(node({ 'kubernetes.io/role': '' }, {}, {}), ctx)[2]).to.equal('<none>')
  })

  it('prints the external IP and survives a node with nothing set', () => {
    const n = node({}, {}, { addresses: [{ type: 'ExternalIP', address: '203.0.113.5' }] })
    expect(nodePrinter.cells(n, ctx).slice(5, 7)).to.deep.equal(['<none>', '203.0.113.5'])
    expect(nodePrinter.cells({ metadata: {} }, ctx)).to.deep.equal([
      '',
      'Unknown',
      '<none>',
      '<unknown>',
      '',
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ])
  })
})
