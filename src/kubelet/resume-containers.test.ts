import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { defaultBehaviourRegistry } from './load-behaviours.js'
import { containerRuntimes } from './pod-runtimes.js'
import { resumeContainers } from './resume-containers.js'

const T = '2018-11-24T10:00:00Z'
const pod = (statuses: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', uid: 'u' },
  spec: {
    containers: ['up', 'done', 'looping', 'new'].map((name) => ({ name, image: `img/${name}:1` })),
  },
  status: { containerStatuses: statuses },
})
const ended = {
  exitCode: 1,
  reason: 'Error',
  startedAt: T,
  finishedAt: T,
  containerID: 'docker://a',
}

describe('resumeContainers()', () => {
  it('takes running, ended and crash-looping containers as their status left them', () => {
    const p = pod([
      {
        name: 'up',
        state: { running: { startedAt: T } },
        ready: true,
        restartCount: 2,
        containerID: 'docker://up',
        lastState: { terminated: ended },
      },
      {
        name: 'done',
        state: { terminated: { ...ended, exitCode: 0, reason: 'Completed' } },
        ready: false,
        restartCount: 0,
        containerID: 'docker://d',
      },
      {
        name: 'looping',
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'Back-off 10s' } },
        ready: false,
        restartCount: 4,
        containerID: 'docker://l',
        lastState: { terminated: ended },
      },
      {
        name: 'new',
        state: { waiting: { reason: 'ContainerCreating' } },
        ready: false,
        restartCount: 0,
      },
    ])
    const { main } = containerRuntimes(defaultBehaviourRegistry(), p)
    const images = new Set<string>()
    const running = resumeContainers(p, main, images)
    const [up, done, looping, fresh] = main
    expect(running).to.deep.equal([up])
    expect(up).to.include({
      phase: 'running',
      startedAt: T,
      ready: true,
      restartCount: 2,
      instances: 3,
      containerID: 'docker://up',
    })
    expect(up!.last).to.deep.equal(ended)
    expect(done).to.include({ phase: 'exited', instances: 1 })
    expect(done!.current?.reason).to.equal('Completed')
    expect(looping).to.include({ phase: 'crash-backoff', restartCount: 4, instances: 5 })
    expect(looping!.current).to.deep.equal(ended)
    // Never started: it starts as a new container would (its image pulled as usual).
    expect(fresh).to.include({ phase: 'waiting', instances: 0 })
    expect([...images].sort()).to.deep.equal(['img/done:1', 'img/looping:1', 'img/up:1'])
  })

  it('leaves a pod without container statuses as new', () => {
    const p = pod([])
    const { main } = containerRuntimes(defaultBehaviourRegistry(), p)
    expect(resumeContainers(p, main, new Set())).to.deep.equal([])
    expect(main.every((c) => c.phase === 'waiting' && c.instances === 0)).to.equal(true)
  })
})
