import { expect } from 'chai'
import {
  failureOf,
  fakeRun,
  loadExpectations,
  readSpecEnv,
  type FakeRun,
} from '../support/index.js'
import { checkNodeCapacity, checkNoOnapPodOnMaster, checkNodes } from './topology.js'

describe('topology checks', () => {
  let run: FakeRun
  beforeEach(() => {
    run = fakeRun(loadExpectations(readSpecEnv({})))
  })

  it('pass on a lab that matches lab/kind-config.yaml and lab/lab.yaml', async () => {
    await checkNodes(run.client, run.expected)
    await checkNodeCapacity(run.client, run.expected)
    await checkNoOnapPodOnMaster(run.client, run.expected)
  })

  it('accept the control-plane taint of newer kubeadm', async () => {
    run.lab.nodes[0]!.spec!.taints = [
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]
    await checkNodes(run.client, run.expected)
  })

  it('name a worker that is not Ready, a master without its taint and a missing node', async () => {
    run.lab.nodes[0]!.spec!.taints = []
    run.lab.nodes[1]!.status!.conditions = [{ type: 'Ready', status: 'False' }]
    run.lab.nodes.pop()
    const message = await failureOf(checkNodes(run.client, run.expected))
    expect(message).to.match(
      /^nodes \(1 master \+ 2 workers\): 1 missing, 2 differing; 0 of 3 expected rows match/
    )
    expect(message).to.match(/actual +onap-mesh-control-plane +control-plane +Ready +<none> \*/)
    expect(message).to.match(/actual +onap-mesh-worker +worker +NotReady \* +<none>/)
    expect(message).to.match(/missing +onap-mesh-worker2 +worker +Ready +<none>/)
  })

  it('name a node whose capacity differs from the profile', async () => {
    run.lab.nodes[1]!.status!.capacity!.memory = '8Gi'
    const message = await failureOf(checkNodeCapacity(run.client, run.expected))
    expect(message).to.match(/expected +onap-mesh-worker +8 +16Gi +160Gi +110/)
    expect(message).to.match(/actual +onap-mesh-worker +8 +8Gi \* +160Gi +110/)
  })

  it('name an onap pod scheduled on the master', async () => {
    const pod = run.lab.pods.find((p) => p.metadata?.namespace === 'onap')!
    pod.spec!.nodeName = 'onap-mesh-control-plane'
    const message = await failureOf(checkNoOnapPodOnMaster(run.client, run.expected))
    expect(message).to.contain(
      'onap pods on the master (want none): 1 extra; 0 of 0 expected rows match'
    )
    expect(message).to.match(/extra +msb-kube2msb-\S+ +onap-mesh-control-plane/)
  })
})
