import { expect } from 'chai'
import type { TopologyNode } from '../../cluster/index.js'
import { KIND_EVICTION_HARD, kubeletArgs, nodeReservation } from './system-reserved.js'

const GI = 2 ** 30
const node = (cpu: number, memory: number) =>
  ({ name: 'w', role: 'worker', hardware: { cpu, memory } }) as unknown as TopologyNode

describe('nodeReservation()', () => {
  it('reserves what the host has beyond the profile, so allocatable is the profile minus 100Mi', () => {
    const r = nodeReservation(node(8, 16 * GI), { cpus: 12, memory: 31.5 * GI })
    expect(r.systemReserved).to.deep.equal({ cpu: 4, memory: 15.5 * GI })
    expect(r.limits).to.deep.equal({ cpus: 8, memory: 16 * GI })
    expect(kubeletArgs(r)).to.deep.equal({
      'system-reserved': 'cpu=4,memory=15872Mi',
      'eviction-hard': KIND_EVICTION_HARD,
    })
    expect(KIND_EVICTION_HARD).to.match(/^memory\.available<100Mi,/)
  })

  it('reserves nothing and warns when the host is smaller than the profile', () => {
    const r = nodeReservation(node(3.5, 16 * GI), { cpus: 2, memory: 4 * GI })
    expect(r.systemReserved).to.deep.equal({ cpu: 0, memory: 0 })
    expect(r.limits).to.deep.equal({ cpus: 2, memory: 4 * GI })
    expect(r.warnings).to.deep.equal([
      "w: the Docker host has 2 CPUs, fewer than the profile's 3.5",
      "w: the Docker host has 4Gi of memory, less than the profile's 16Gi",
    ])
    expect(kubeletArgs(r)).to.deep.equal({ 'eviction-hard': KIND_EVICTION_HARD })
  })
})
