import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { nodeObject } from '../cluster/index.js'
import { testNodes } from '../testing/kubelet/sim-harness.js'
import { hostnameAntiAffinity } from '../testing/kubelet/pod-fixtures.js'
import { DEFAULT_PLUGINS } from './default-plugins.js'
import { fitErrorMessage } from './fit-error.js'
import { generalFilter } from './filters/general.js'
import { interPodAffinityFilter } from './filters/inter-pod-affinity.js'
import { nodeConditionFilter } from './filters/node-condition.js'
import {
  diskPressureFilter,
  memoryPressureFilter,
  pidPressureFilter,
} from './filters/node-pressure.js'
import { podMatchesNode } from './filters/node-selector.js'
import { taintTolerationFilter } from './filters/taint-toleration.js'
import { schedulePod } from './generic-scheduler.js'
import { buildSnapshot } from './scheduler-cache.js'
import { Reasons } from './reasons.js'
import { balancedAllocationScore } from './scores/balanced-allocation.js'
import { leastAllocatedScore } from './scores/least-allocated.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const NOW = '2018-11-24T00:00:00Z'
const [MASTER, WORKER, WORKER2] = testNodes().map((n) => nodeObject(n, NOW)) as [
  Obj & KubeObject,
  Obj & KubeObject,
  Obj & KubeObject,
]

function pod(name: string, spec: Obj = {}, meta: Obj = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  }
}

function requesting(name: string, requests: Obj, spec: Obj = {}): KubeObject {
  return pod(name, {
    containers: [{ name: 'c', image: 'nginx', resources: { requests } }],
    ...spec,
  })
}

function on(p: KubeObject, node: string): KubeObject {
  return { ...p, spec: { ...(p.spec as Obj), nodeName: node } }
}

const info = (nodes: KubeObject[], pods: KubeObject[] = [], name = nodes[0]!.metadata.name) => {
  const s = buildSnapshot(nodes, pods)
  return { s, n: s.byName.get(name!)! }
}

describe('fitErrorMessage()', () => {
  it('counts each reason over the nodes and sorts the strings', () => {
    const failures = new Map([
      ['w1', ['Insufficient memory']],
      ['m', [Reasons.taints]],
      ['w2', ['Insufficient memory']],
    ])
    expect(fitErrorMessage(3, failures)).to.equal(
      "0/3 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 2 Insufficient memory."
    )
  })

  it('sorts by the whole string, count first, as Go does (10 before 2)', () => {
    const failures = new Map<string, string[]>()
    for (let i = 0; i < 10; i++) failures.set(`a${i}`, ['Insufficient cpu'])
    failures.set('b1', [Reasons.nodeNotReady])
    failures.set('b2', [Reasons.nodeNotReady])
    expect(fitErrorMessage(12, failures)).to.equal(
      '0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were not ready.'
    )
  })
})

describe('nodeConditionFilter', () => {
  it('passes a Ready node and rejects NotReady, Unknown, out-of-disk and cordoned ones', () => {
    expect(nodeConditionFilter.filter!(pod('p'), info([WORKER]).n, info([WORKER]).s)).to.deep.equal(
      []
    )
    const notReady = structuredClone(WORKER)
    notReady.status.conditions.find((c: Obj) => c.type === 'Ready').status = 'Unknown'
    notReady.status.conditions.find((c: Obj) => c.type === 'OutOfDisk').status = 'True'
    notReady.spec.unschedulable = true
    const { s, n } = info([notReady])
    expect(nodeConditionFilter.filter!(pod('p'), n, s)).to.deep.equal([
      Reasons.nodeOutOfDisk,
      Reasons.nodeNotReady,
      Reasons.nodeUnschedulable,
    ])
  })
})

describe('node pressure filters', () => {
  const pressed = (type: string) => {
    const n = structuredClone(WORKER)
    n.metadata.name = `${type}-node`
    n.status.conditions = [...n.status.conditions, { type, status: 'True' }]
    return info([n]).n
  }
  const bestEffort = { ...pod('p'), status: { qosClass: 'BestEffort' } }
  const burstable = { ...pod('q'), status: { qosClass: 'Burstable' } }
  const { n: calm, s } = info([WORKER])

  it('reject a node whose pressure condition is True, and pass one without', () => {
    expect(diskPressureFilter.filter!(burstable, pressed('DiskPressure'), s)).to.deep.equal([
      Reasons.diskPressure,
    ])
    expect(pidPressureFilter.filter!(burstable, pressed('PIDPressure'), s)).to.deep.equal([
      Reasons.pidPressure,
    ])
    expect(memoryPressureFilter.filter!(bestEffort, pressed('MemoryPressure'), s)).to.deep.equal([
      Reasons.memoryPressure,
    ])
    for (const f of [diskPressureFilter, pidPressureFilter, memoryPressureFilter])
      expect(f.filter!(bestEffort, calm, s)).to.deep.equal([])
  })

  it('lets a pod that is not BestEffort onto a node under memory pressure only', () => {
    expect(memoryPressureFilter.filter!(burstable, pressed('MemoryPressure'), s)).to.deep.equal([])
    expect(diskPressureFilter.filter!(burstable, pressed('MemoryPressure'), s)).to.deep.equal([])
  })
})

describe('taintTolerationFilter', () => {
  const check = (tolerations: Obj[]) => {
    const { s, n } = info([MASTER])
    return taintTolerationFilter.filter!(pod('p', { tolerations }), n, s)
  }

  it('rejects the master for a pod without tolerations', () => {
    expect(check([])).to.deep.equal([Reasons.taints])
  })

  it('accepts Exists on the key, an empty key with Exists, and Equal with the same (empty) value', () => {
    expect(
      check([{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }])
    ).to.deep.equal([])
    expect(check([{ operator: 'Exists' }])).to.deep.equal([])
    expect(
      check([{ key: 'node-role.kubernetes.io/master', value: '', effect: 'NoSchedule' }])
    ).to.deep.equal([])
  })

  it('rejects a toleration of another effect, key or value', () => {
    expect(
      check([{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoExecute' }])
    ).to.deep.equal([Reasons.taints])
    expect(check([{ key: 'other', operator: 'Exists' }])).to.deep.equal([Reasons.taints])
    expect(
      check([{ key: 'node-role.kubernetes.io/master', operator: 'Equal', value: 'x' }])
    ).to.deep.equal([Reasons.taints])
  })

  it('ignores PreferNoSchedule taints', () => {
    const soft = structuredClone(WORKER)
    soft.spec.taints = [{ key: 'k', effect: 'PreferNoSchedule' }]
    const { s, n } = info([soft])
    expect(taintTolerationFilter.filter!(pod('p'), n, s)).to.deep.equal([])
  })
})

describe('podMatchesNode()', () => {
  const labelled = {
    ...WORKER,
    metadata: { ...WORKER.metadata, labels: { ...WORKER.metadata.labels, disk: 'ssd', gen: '3' } },
  }
  const affinity = (exprs: Obj[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: exprs }],
        },
      },
    },
  })

  it('matches a nodeSelector on the labels and rejects a missing or different label', () => {
    expect(podMatchesNode(pod('p', { nodeSelector: { disk: 'ssd' } }), labelled)).to.equal(true)
    expect(podMatchesNode(pod('p', { nodeSelector: { disk: 'hdd' } }), labelled)).to.equal(false)
    expect(podMatchesNode(pod('p', { nodeSelector: { zone: 'a' } }), labelled)).to.equal(false)
  })

  it('evaluates the node affinity operators', () => {
    expect(
      podMatchesNode(
        pod('p', affinity([{ key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }])),
        labelled
      )
    ).to.equal(true)
    expect(
      podMatchesNode(
        pod('p', affinity([{ key: 'disk', operator: 'NotIn', values: ['ssd'] }])),
        labelled
      )
    ).to.equal(false)
    expect(
      podMatchesNode(pod('p', affinity([{ key: 'zone', operator: 'DoesNotExist' }])), labelled)
    ).to.equal(true)
    expect(
      podMatchesNode(pod('p', affinity([{ key: 'gen', operator: 'Gt', values: ['2'] }])), labelled)
    ).to.equal(true)
    expect(
      podMatchesNode(pod('p', affinity([{ key: 'gen', operator: 'Lt', values: ['2'] }])), labelled)
    ).to.equal(false)
  })

  it('matches no node with an empty term', () => {
    expect(podMatchesNode(pod('p', affinity([])), labelled)).to.equal(false)
  })

  it('answers for each node, not once per pod: the same pod object fits one node and not another', () => {
    const p = pod('p', { nodeSelector: { disk: 'ssd' } })
    expect(podMatchesNode(p, labelled)).to.equal(true)
    expect(podMatchesNode(p, WORKER)).to.equal(false)
    const q = pod('q', affinity([{ key: 'disk', operator: 'Exists' }]))
    expect(podMatchesNode(q, labelled)).to.equal(true)
    expect(podMatchesNode(q, WORKER)).to.equal(false)
    // Without selector or required affinity (or with an empty nodeSelector) every node matches.
    for (const free of [pod('r'), pod('s', { nodeSelector: {} })])
      for (const n of [labelled, WORKER, MASTER]) expect(podMatchesNode(free, n)).to.equal(true)
  })
})

describe('generalFilter', () => {
  it('reports each missing resource against what the node has left', () => {
    const { s, n } = info([WORKER], [on(requesting('big', { memory: '15Gi' }), 't-worker')])
    expect(
      generalFilter.filter!(requesting('p', { memory: '1Gi', cpu: '100m' }), n, s)
    ).to.deep.equal(['Insufficient memory'])
    expect(generalFilter.filter!(requesting('p', { cpu: '9' }), n, s)).to.deep.equal([
      'Insufficient cpu',
    ])
    expect(generalFilter.filter!(requesting('p', { memory: '100Mi' }), n, s)).to.deep.equal([])
  })

  it('counts the largest init container, not the sum', () => {
    const inits = {
      initContainers: [1, 2].map((i) => ({
        name: `i${i}`,
        image: 'x',
        resources: { requests: { memory: '10Gi' } },
      })),
    }
    const { s, n } = info([WORKER])
    expect(generalFilter.filter!(requesting('p', { memory: '1Gi' }, inits), n, s)).to.deep.equal([])
    expect(
      generalFilter.filter!(
        requesting(
          'p',
          { memory: '1Gi' },
          {
            initContainers: [
              { name: 'i', image: 'x', resources: { requests: { memory: '17Gi' } } },
            ],
          }
        ),
        n,
        s
      )
    ).to.deep.equal(['Insufficient memory'])
  })

  it('reports Insufficient pods on a full node', () => {
    const small = structuredClone(WORKER)
    small.status.allocatable.pods = '1'
    const { s, n } = info([small], [on(pod('a'), 't-worker')])
    expect(generalFilter.filter!(pod('b'), n, s)).to.deep.equal(['Insufficient pods'])
  })

  it('finds host port conflicts (0.0.0.0 clashes with any address, protocols apart)', () => {
    const withPort = (name: string, port: Obj) =>
      pod(name, {
        containers: [
          { name: 'c', image: 'x', ports: [{ containerPort: 80, protocol: 'TCP', ...port }] },
        ],
      })
    const { s, n } = info([WORKER], [on(withPort('a', { hostPort: 8080 }), 't-worker')])
    expect(
      generalFilter.filter!(withPort('b', { hostPort: 8080, hostIP: '10.0.0.1' }), n, s)
    ).to.deep.equal([Reasons.hostPorts])
    expect(
      generalFilter.filter!(withPort('b', { hostPort: 8080, protocol: 'UDP' }), n, s)
    ).to.deep.equal([])
    expect(generalFilter.filter!(withPort('b', { hostPort: 8081 }), n, s)).to.deep.equal([])
  })

  it('gives every failing general predicate, not only the first', () => {
    const { s, n } = info([WORKER])
    expect(
      generalFilter.filter!(
        requesting('p', { memory: '64Gi' }, { nodeSelector: { disk: 'ssd' } }),
        n,
        s
      )
    ).to.deep.equal(['Insufficient memory', Reasons.nodeSelector])
  })
})

describe('interPodAffinityFilter', () => {
  const antiSelf = (name: string) =>
    pod(name, hostnameAntiAffinity('db'), { labels: { app: 'db' } })

  it('keeps a pod with required anti-affinity off a host that runs a matching pod', () => {
    const s = buildSnapshot([WORKER, WORKER2], [on(antiSelf('db-0'), 't-worker')])
    expect(
      interPodAffinityFilter.filter!(antiSelf('db-1'), s.byName.get('t-worker')!, s)
    ).to.deep.equal([Reasons.podAffinity, Reasons.existingAntiAffinity])
    expect(
      interPodAffinityFilter.filter!(antiSelf('db-1'), s.byName.get('t-worker2')!, s)
    ).to.deep.equal([])
  })

  it("honours the existing pods' anti-affinity for a pod that has none", () => {
    const s = buildSnapshot([WORKER, WORKER2], [on(antiSelf('db-0'), 't-worker')])
    expect(
      interPodAffinityFilter.filter!(
        pod('plain', {}, { labels: { app: 'db' } }),
        s.byName.get('t-worker')!,
        s
      )
    ).to.deep.equal([Reasons.podAffinity, Reasons.existingAntiAffinity])
    expect(
      interPodAffinityFilter.filter!(
        pod('other', {}, { labels: { app: 'web' } }),
        s.byName.get('t-worker')!,
        s
      )
    ).to.deep.equal([])
  })

  it('requires the pod affinity target on the same host, except for the first pod of a group', () => {
    const near = (name: string, labels: Obj) =>
      pod(
        name,
        {
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  labelSelector: { matchLabels: { app: 'cache' } },
                  topologyKey: 'kubernetes.io/hostname',
                },
              ],
            },
          },
        },
        { labels }
      )
    const s = buildSnapshot(
      [WORKER, WORKER2],
      [on(pod('cache-0', {}, { labels: { app: 'cache' } }), 't-worker2')]
    )
    expect(
      interPodAffinityFilter.filter!(near('web', { app: 'web' }), s.byName.get('t-worker')!, s)
    ).to.deep.equal([Reasons.podAffinity, Reasons.podAffinityRules])
    expect(
      interPodAffinityFilter.filter!(near('web', { app: 'web' }), s.byName.get('t-worker2')!, s)
    ).to.deep.equal([])
    const empty = buildSnapshot([WORKER, WORKER2], [])
    expect(
      interPodAffinityFilter.filter!(
        near('cache-1', { app: 'cache' }),
        empty.byName.get('t-worker')!,
        empty
      )
    ).to.deep.equal([])
    expect(
      interPodAffinityFilter.filter!(
        near('web', { app: 'web' }),
        empty.byName.get('t-worker')!,
        empty
      )
    ).to.deep.equal([Reasons.podAffinity, Reasons.podAffinityRules])
  })
})

describe('scores', () => {
  it('least allocated prefers the emptier node; pods without requests count 100m and 200Mi', () => {
    const s = buildSnapshot(
      [WORKER, WORKER2],
      [on(requesting('a', { cpu: '4', memory: '8Gi' }), 't-worker')]
    )
    const busy = leastAllocatedScore.score!(pod('p'), s.byName.get('t-worker')!, s)
    const idle = leastAllocatedScore.score!(pod('p'), s.byName.get('t-worker2')!, s)
    expect(busy).to.equal(4)
    expect(idle).to.equal(9)
  })

  it('balanced allocation prefers even cpu and memory use, 0 when a resource would be full', () => {
    const s = buildSnapshot([WORKER], [])
    const n = s.byName.get('t-worker')!
    expect(
      balancedAllocationScore.score!(requesting('even', { cpu: '4', memory: '8Gi' }), n, s)
    ).to.be.at.least(9)
    expect(
      balancedAllocationScore.score!(requesting('skewed', { cpu: '7', memory: '1Gi' }), n, s)
    ).to.be.below(3)
    expect(
      balancedAllocationScore.score!(requesting('full', { cpu: '8', memory: '1Gi' }), n, s)
    ).to.equal(0)
  })
})

describe('schedulePod()', () => {
  it('stops at the first failing filter of a node, as 1.11 does: a master short of memory counts as Insufficient memory', () => {
    const s = buildSnapshot([MASTER, WORKER, WORKER2], [])
    const r = schedulePod(requesting('huge', { memory: '64Gi' }), s, DEFAULT_PLUGINS)
    expect(r).to.deep.equal({
      error: '0/3 nodes are available: 3 Insufficient memory.',
      fitError: true,
    })
  })

  it('gives the taint reason for a master with room and Insufficient memory for full workers', () => {
    const full = [
      on(requesting('a', { memory: '12Gi' }), 't-worker'),
      on(requesting('b', { memory: '12Gi' }), 't-worker2'),
    ]
    const r = schedulePod(
      requesting('mid', { memory: '6Gi' }),
      buildSnapshot([MASTER, WORKER, WORKER2], full),
      DEFAULT_PLUGINS
    )
    expect(r).to.deep.equal({
      error:
        "0/3 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 2 Insufficient memory.",
      fitError: true,
    })
  })

  it('takes the only feasible node, and the least loaded one among several', () => {
    const s = buildSnapshot(
      [MASTER, WORKER, WORKER2],
      [on(requesting('a', { cpu: '2', memory: '4Gi' }), 't-worker')]
    )
    expect(schedulePod(pod('p'), s, DEFAULT_PLUGINS)).to.deep.equal({ node: 't-worker2' })
    expect(
      schedulePod(
        pod('p', { nodeSelector: { 'kubernetes.io/hostname': 't-worker' } }),
        s,
        DEFAULT_PLUGINS
      )
    ).to.deep.equal({ node: 't-worker' })
  })

  it('picks among equal nodes with the injected random function', () => {
    const s = buildSnapshot([WORKER, WORKER2], [])
    expect(schedulePod(pod('p'), s, DEFAULT_PLUGINS, () => 0)).to.deep.equal({ node: 't-worker2' })
    expect(schedulePod(pod('p'), s, DEFAULT_PLUGINS, () => 0.9)).to.deep.equal({ node: 't-worker' })
  })

  it('says so when there are no nodes', () => {
    expect(schedulePod(pod('p'), buildSnapshot([], []), DEFAULT_PLUGINS)).to.deep.equal({
      error: 'no nodes available to schedule pods',
      fitError: false,
    })
  })
})
