import { expect } from 'chai'
import { nodeObject } from './index.js'
import type { TopologyNode } from './index.js'
import { testHardware } from '../testing/kubelet/sim-harness.js'

const NOW = '2018-08-01T10:00:00Z'

const node = (over: Partial<TopologyNode> = {}): TopologyNode => ({
  name: 'onap-mesh-control-plane',
  role: 'control-plane',
  address: '127.0.10.104',
  podCIDR: '192.168.0.0/24',
  labels: {},
  taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
  hardware: testHardware(4, 8 * 2 ** 30),
  ...over,
})

/** Returns a nested field of an object as `any`-free JSON for assertions. */
const at = (obj: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj)

describe('nodeObject()', () => {
  it('registers the master with kubeadm 1.11 labels, the master taint and its addresses', () => {
    const n = nodeObject(node(), NOW)
    expect(n).to.include({ apiVersion: 'v1', kind: 'Node' })
    expect(n.metadata).to.include({ name: 'onap-mesh-control-plane', creationTimestamp: NOW })
    expect(n.metadata.labels).to.deep.equal({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': 'onap-mesh-control-plane',
      'node-role.kubernetes.io/master': '',
    })
    expect(n.spec).to.deep.equal({
      podCIDR: '192.168.0.0/24',
      taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
    })
    expect(at(n, 'status', 'addresses')).to.deep.equal([
      { type: 'InternalIP', address: '127.0.10.104' },
      { type: 'Hostname', address: 'onap-mesh-control-plane' },
    ])
    expect(at(n, 'status', 'daemonEndpoints')).to.deep.equal({ kubeletEndpoint: { Port: 10250 } })
  })

  it('derives capacity from the hardware and allocatable minus the eviction thresholds', () => {
    const n = nodeObject(node(), NOW)
    expect(at(n, 'status', 'capacity')).to.deep.equal({
      cpu: '4',
      'ephemeral-storage': '80Gi',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8Gi',
      pods: '110',
    })
    expect(at(n, 'status', 'allocatable')).to.deep.equal({
      cpu: '4',
      // 80Gi − 80Gi × float32(0.1): the kubelet's float32 percentage takes 128 bytes more than 10%.
      'ephemeral-storage': '77309411200',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8092Mi',
      pods: '110',
    })
  })

  it('matches the numbers a real 1.11 kubelet reported for the same capacity', () => {
    // kubectl describe node of a 1.11 kubeadm node: capacity 40593612Ki / 4045952Ki,
    // allocatable 37411072758 / 3943552Ki.
    const hw = { ...node().hardware, ephemeralStorage: 40593612 * 1024, memory: 4045952 * 1024 }
    const n = nodeObject(node({ hardware: hw }), NOW)
    expect(at(n, 'status', 'allocatable', 'ephemeral-storage')).to.equal('37411072758')
    expect(at(n, 'status', 'allocatable', 'memory')).to.equal('3943552Ki')
    expect(at(n, 'status', 'capacity', 'memory')).to.equal('4045952Ki')
  })

  it('reports the five 1.11 conditions, Ready last, and NotReady before a pod network', () => {
    const types = (ready: boolean): string[][] =>
      (
        at(nodeObject(node(), NOW, { ready }), 'status', 'conditions') as Record<string, string>[]
      ).map((c) => [c.type!, c.status!, c.reason!])
    expect(types(true)).to.deep.equal([
      ['OutOfDisk', 'False', 'KubeletHasSufficientDisk'],
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ])
    expect(types(false)[4]).to.deep.equal(['Ready', 'False', 'KubeletNotReady'])
  })

  it('registers a worker without role label or taints, with kind labels and nodeInfo', () => {
    const n = nodeObject(
      node({
        name: 'onap-mesh-worker',
        role: 'worker',
        taints: [],
        labels: { tier: 'db' },
        address: '127.0.10.105',
      }),
      NOW
    )
    expect(n.metadata.labels).to.not.have.property('node-role.kubernetes.io/master')
    expect(n.metadata.labels).to.include({
      tier: 'db',
      'kubernetes.io/hostname': 'onap-mesh-worker',
    })
    expect(n.spec).to.deep.equal({ podCIDR: '192.168.0.0/24' })
    const info = at(n, 'status', 'nodeInfo') as Record<string, string>
    expect(info).to.include({
      kubeletVersion: 'v1.11.1',
      kubeProxyVersion: 'v1.11.1',
      containerRuntimeVersion: 'docker://17.3.2',
      osImage: 'Ubuntu 16.04.5 LTS',
      kernelVersion: '4.4.0-133-generic',
      operatingSystem: 'linux',
      architecture: 'amd64',
    })
    expect(info.machineID).to.match(/^[0-9a-f]{32}$/)
    expect(info.systemUUID).to.not.equal(
      at(nodeObject(node(), NOW), 'status', 'nodeInfo', 'systemUUID')
    )
  })
})
