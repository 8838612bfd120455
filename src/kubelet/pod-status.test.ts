import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import type { ContainerRuntime } from './container-runtime.js'
import { buildPodStatus, containerStatus, podPhase } from './pod-status.js'

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

describe('containerStatus() across a restart (1.11 convertToAPIContainerStatuses)', () => {
  const first = { ...failed, containerID: 'docker://1', finishedAt: 't1' }
  const second = { ...failed, containerID: 'docker://2', startedAt: 't2', finishedAt: 't3' }
  const backoff = { reason: 'CrashLoopBackOff', message: 'Back-off 10s restarting failed' }

  it('keeps state.terminated with the exit code while a restart waits for its new instance, and the pod Running', () => {
    // No start failure is cached (reason cache empty): 1.11 keeps the original (terminated) state.
    const restarting = c('a', { phase: 'waiting', instances: 1, current: first })
    expect(containerStatus(restarting)).to.deep.include({
      state: { terminated: first },
      lastState: {},
      restartCount: 0,
    })
    for (const policy of ['Always', 'OnFailure'])
      expect(podPhase(pod(policy), [], [restarting]), policy).to.equal('Running')
    // The same holds for the 'pulled' step before the new instance is created.
    const pulled = c('a', { phase: 'pulled', instances: 1, current: first })
    expect(containerStatus(pulled).state).to.deep.equal({ terminated: first })
  })

  it('shows the latest termination in lastState while in CrashLoopBackOff (not the one before it)', () => {
    const crashLooping = c('a', {
      phase: 'crash-backoff',
      instances: 2,
      restartCount: 1,
      current: second,
      last: first,
      waiting: backoff,
    })
    expect(containerStatus(crashLooping)).to.deep.include({
      state: { waiting: backoff },
      lastState: { terminated: second },
      restartCount: 1,
    })
    // A waiting container with a previous termination is stopped, not waiting for a first start.
    expect(podPhase(pod('OnFailure'), [], [crashLooping])).to.equal('Running')
    expect(podPhase(pod('Always'), [], [c('b', { phase: 'running' }), crashLooping])).to.equal(
      'Running'
    )
  })

  it('keeps the CrashLoopBackOff reason once the new instance is created after a back-off (the reason cache clears only on a start)', () => {
    const created = c('a', {
      phase: 'created',
      instances: 3,
      restartCount: 2,
      last: second,
      waiting: backoff,
    })
    expect(containerStatus(created)).to.deep.include({
      state: { waiting: backoff },
      lastState: { terminated: second },
      restartCount: 2,
    })
    // Without a cached reason a created instance is ContainerCreating, its predecessor in lastState.
    const plain = c('a', { phase: 'created', instances: 2, restartCount: 1, last: first })
    expect(containerStatus(plain)).to.deep.include({
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: { terminated: first },
    })
  })

  it('is still waiting (Pending pod) before any instance ended (negative case)', () => {
    const fresh = c('a', { phase: 'pulling' })
    expect(containerStatus(fresh)).to.deep.include({
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    })
    expect(podPhase(pod(), [], [fresh])).to.equal('Pending')
  })
})
