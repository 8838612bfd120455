import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { nodeObject } from '../cluster/index.js'
import { testNodes } from '../testing/kubelet/sim-harness.js'
import { buildSnapshot, SchedulerCache } from './scheduler-cache.js'
import type { Snapshot } from './plugin.js'

const NOW = '2018-11-24T00:00:00Z'
const [MASTER, WORKER, WORKER2] = testNodes().map((n) => nodeObject(n, NOW)) as [
  KubeObject,
  KubeObject,
  KubeObject,
]

function pod(
  name: string,
  node: string,
  cpu: string,
  extra: Record<string, unknown> = {}
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(node ? { nodeName: node } : {}),
      containers: [
        {
          name: 'c',
          image: 'nginx',
          resources: { requests: { cpu } },
          ports: [{ containerPort: 80, hostPort: 8080 }],
        },
      ],
      ...extra,
    },
  }
}

const summary = (s: Snapshot) =>
  s.nodes.map((n) => ({
    name: n.name,
    pods: n.pods.map((p) => p.metadata.name).sort(),
    cpu: n.requested.cpu ?? 0,
    nonzero: n.nonzeroRequested,
    ports: n.usedPorts.length,
    affinity: n.podsWithAffinity.length,
  }))

describe('SchedulerCache', () => {
  it('keeps the same node infos from events as a snapshot rebuilt from scratch', () => {
    const w1 = WORKER.metadata.name!
    const w2 = WORKER2.metadata.name!
    const anti = {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [] } },
    }
    const cache = new SchedulerCache()
    for (const n of [MASTER, WORKER, WORKER2]) cache.setNode(n)
    cache.setPod('default/a', pod('a', w1, '100m'))
    cache.setPod('default/b', pod('b', w1, '200m', anti))
    cache.setPod('default/c', pod('c', '', '300m'))
    cache.assume('default/c', w2)
    // b moves on (a new object for the same key), a is deleted, c gets bound where it was assumed.
    cache.setPod('default/b', pod('b', w2, '250m'))
    cache.setPod('default/a', undefined)
    cache.assume('default/c', undefined)
    cache.setPod('default/c', pod('c', w2, '300m'))
    const rebuilt = buildSnapshot(
      [MASTER, WORKER, WORKER2],
      [pod('b', w2, '250m'), pod('c', w2, '300m')]
    )
    expect(summary(cache.snapshot())).to.deep.equal(summary(rebuilt))
    expect(summary(cache.snapshot()).find((n) => n.name === w2)).to.include({ cpu: 550, ports: 2 })
  })

  it('counts assumed pods until forgotten, and never finished ones (negative)', () => {
    const w1 = WORKER.metadata.name!
    const cache = new SchedulerCache()
    cache.setNode(WORKER)
    cache.setPod('default/p', pod('p', '', '100m'))
    cache.assume('default/p', w1)
    expect(cache.snapshot().byName.get(w1)!.requested.cpu).to.equal(100)
    cache.assume('default/p', undefined)
    expect(cache.snapshot().byName.get(w1)!.pods).to.have.length(0)
    const done = { ...pod('q', w1, '500m'), status: { phase: 'Succeeded' } }
    cache.setPod('default/q', done)
    expect(cache.snapshot().byName.get(w1)!.requested.cpu ?? 0).to.equal(0)
  })

  it('offers no node that only pods name, and keeps their pods when the Node comes', () => {
    const w1 = WORKER.metadata.name!
    const cache = new SchedulerCache()
    cache.setPod('default/early', pod('early', w1, '100m'))
    expect(cache.snapshot().nodes).to.have.length(0)
    cache.setNode(WORKER)
    expect(cache.snapshot().byName.get(w1)!.requested.cpu).to.equal(100)
    cache.removeNode(w1)
    expect(cache.snapshot().nodes).to.have.length(0)
  })

  it('swaps in a status-only version where the pod is counted, and recounts a changed spec or a finished pod', () => {
    const w1 = WORKER.metadata.name!
    const cache = new SchedulerCache()
    cache.setNode(WORKER)
    const a = pod('a', w1, '100m')
    cache.setPod('default/a', a)
    cache.setPod('default/b', pod('b', w1, '50m'))
    // A status write: a new object sharing the spec.
    const running = { ...a, status: { phase: 'Running' } }
    cache.setPod('default/a', running)
    const info = () => cache.snapshot().nodes[0]!
    expect(info().pods).to.include(running).and.not.include(a)
    expect(info().pods).to.have.length(2)
    expect(info().requested.cpu).to.equal(150)
    expect(info().usedPorts).to.have.length(2)
    // A new spec (negative: not swapped) is counted again with its own requests.
    const bigger = pod('a', w1, '300m')
    cache.setPod('default/a', bigger)
    expect(info().pods).to.include(bigger).and.have.length(2)
    expect(info().requested.cpu).to.equal(350)
    // Finished with the same spec: it frees what it took.
    cache.setPod('default/a', { ...bigger, status: { phase: 'Succeeded' } })
    expect(info().pods.map((p) => p.metadata.name)).to.deep.equal(['b'])
    expect(info().requested.cpu).to.equal(50)
    expect(info().usedPorts).to.have.length(1)
    expect(summary(cache.snapshot())).to.deep.equal(
      summary(buildSnapshot([WORKER], [pod('b', w1, '50m')]))
    )
  })
})
