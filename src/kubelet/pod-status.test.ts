import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import type { ContainerRuntime } from './container-runtime.js'
import { buildPodStatus, podPhase } from './pod-status.js'

const done = {
  exitCode: 0,
  reason: 'Completed',
  startedAt: 't0',
  finishedAt: 't1',
  containerID: 'docker://x',
}
const failed = { ...done, exitCode: 1, reason: 'Error' }

function c(name: string, over: Partial<ContainerRuntime> = {}): ContainerRuntime {
  return {
    name,
    init: false,
    spec: {},
    image: 'i',
    behaviour: {} as ContainerRuntime['behaviour'],
    phase: 'waiting',
    instances: 0,
    restartCount: 0,
    ready: false,
    cancelLoops: [],
    ...over,
  }
}

function pod(restartPolicy = 'Always'): KubeObject {
  return { metadata: { name: 'p' }, spec: { restartPolicy }, status: {} }
}

describe('podPhase()', () => {
  it('is Pending while an init container has not succeeded, Failed when one failed for good', () => {
    expect(podPhase(pod(), [c('i', { init: true, phase: 'running' })], [c('a')])).to.equal(
      'Pending'
    )
    expect(
      podPhase(pod('Never'), [c('i', { init: true, phase: 'exited', current: failed })], [c('a')])
    ).to.equal('Failed')
    expect(
      podPhase(pod('Always'), [c('i', { init: true, phase: 'exited', current: failed })], [c('a')])
    ).to.equal('Pending')
  })

  it('is Pending while an app container waits for its first start, Running once none does', () => {
    expect(podPhase(pod(), [], [c('a', { phase: 'running' }), c('b')])).to.equal('Pending')
    expect(
      podPhase(
        pod(),
        [],
        [c('a', { phase: 'running' }), c('b', { phase: 'crash-backoff', last: failed })]
      )
    ).to.equal('Running')
  })

  it('ends Succeeded or Failed by the restart policy once all containers stopped', () => {
    expect(podPhase(pod('Never'), [], [c('a', { phase: 'exited', current: done })])).to.equal(
      'Succeeded'
    )
    expect(podPhase(pod('Never'), [], [c('a', { phase: 'exited', current: failed })])).to.equal(
      'Failed'
    )
    expect(podPhase(pod('OnFailure'), [], [c('a', { phase: 'exited', current: failed })])).to.equal(
      'Running'
    )
    expect(podPhase(pod('Always'), [], [c('a', { phase: 'exited', current: done })])).to.equal(
      'Running'
    )
  })
})

describe('buildPodStatus()', () => {
  it('keeps a condition transition time while its status holds, and moves it when it flips', () => {
    const base = { hostIP: 'h', podIP: 'p', startTime: 's', initContainers: [] }
    const first = buildPodStatus({
      ...base,
      pod: pod(),
      containers: [c('a', { phase: 'running', ready: false })],
      now: 'T1',
    })
    const kept = buildPodStatus({
      ...base,
      pod: { ...pod(), status: first },
      containers: [c('a', { phase: 'running', ready: false })],
      now: 'T2',
    })
    const flipped = buildPodStatus({
      ...base,
      pod: { ...pod(), status: first },
      containers: [c('a', { phase: 'running', ready: true })],
      now: 'T3',
    })
    const ready = (s: Record<string, unknown>) =>
      (s.conditions as Record<string, unknown>[]).find((x) => x.type === 'Ready')
    expect(ready(kept)).to.include({ status: 'False', lastTransitionTime: 'T1' })
    expect(ready(flipped)).to.include({ status: 'True', lastTransitionTime: 'T3' })
  })
})
