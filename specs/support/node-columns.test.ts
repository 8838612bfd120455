import { expect } from 'chai'
import { nodeRole, nodeStatus, nodeTaints } from './node-columns.js'

describe('nodeRole(), nodeStatus() and nodeTaints()', () => {
  it('reads a kubeadm 1.11 master', () => {
    const master = {
      metadata: { labels: { 'node-role.kubernetes.io/master': '' } },
      spec: { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    }
    expect([nodeRole(master), nodeStatus(master), nodeTaints(master)]).to.deep.equal([
      'control-plane',
      'Ready',
      'node-role.kubernetes.io/master:NoSchedule',
    ])
  })

  it('reads a worker that is not ready', () => {
    const worker = {
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
      spec: { unschedulable: true },
    }
    expect([nodeRole(worker), nodeStatus(worker), nodeTaints(worker)]).to.deep.equal([
      'worker',
      'NotReady,SchedulingDisabled',
      '<none>',
    ])
    expect(nodeStatus({})).to.equal('Unknown')
  })
})
